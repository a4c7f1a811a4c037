using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// Posts delayed answers to a slash command's <c>response_url</c> (no auth; at most 5 posts in 30 minutes — a job
/// posts once). A post is not idempotent, so only a 429 is retried (by the pipeline); other failures surface.
/// </summary>
public sealed class SlackResponder(HttpClient http)
{
    public async Task PostAsync(string responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new UserInputException("Slack: the command carried no usable response_url");
        }
        using var response = await http.PostAsJsonAsync(uri, message, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            string detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new UpstreamException("Slack", $"response_url answered {(int)response.StatusCode} {detail[..Math.Min(detail.Length, 200)]}");
        }
    }
}
