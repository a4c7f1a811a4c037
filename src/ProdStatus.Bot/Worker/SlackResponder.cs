using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// Posts delayed answers to a slash command's <c>response_url</c> (no auth; at most 5 posts in 30 minutes — a job
/// posts once). A post is not idempotent, so only a 429 is retried (by the pipeline); other failures surface. The URL
/// is a capability: it is never logged or put in an error, and it must be on an allowed host
/// (<c>ProdStatus:Slack:ResponseUrlHosts</c>).
/// </summary>
public sealed class SlackResponder(HttpClient http, IOptions<SlackOptions> options)
{
    public async Task PostAsync(string responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        var uri = Check(responseUrl, options.Value) is { } problem
            ? throw new UserInputException($"Slack: the command's response_url is refused: {problem}")
            : new Uri(responseUrl);
        using var response = await http.PostAsJsonAsync(uri, message, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            string detail = await response.Content.ReadAsStringAsync(cancellationToken);
            int status = (int)response.StatusCode;
            // A 4xx (used_url, expired_url, 429 after the retries) or 503 is a refusal: nothing was posted. Other 5xx may have been.
            throw new UpstreamException("Slack", $"response_url answered {status} {detail[..Math.Min(detail.Length, 200)]}")
            {
                NotSent = status is (>= 400 and < 500) or 503,
            };
        }
    }

    /// <summary>Null when <paramref name="responseUrl"/> may be posted to; otherwise why not (without the URL).</summary>
    public static string? Check(string? responseUrl, SlackOptions options)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "not an http(s) URL";
        }
        if (!options.EffectiveResponseUrlHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
        {
            return $"host {uri.Host} is not in {SlackOptions.Section}:ResponseUrlHosts";
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            return "plain http is accepted only for a loopback host";
        }
        return null;
    }
}
