using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Render.Cards;

namespace ProdStatus.Engine.Publish.Teams;

/// <summary>
/// Posts Adaptive Cards to a Teams Workflows webhook. A post creates a channel message, so it is retried only when it
/// is known not to have been taken (429, or no connection made); after a timeout or a 5xx it may have been taken,
/// and the error says so instead of risking a duplicate. The URL is a secret: it is never logged or put in errors.
/// </summary>
/// <remarks>Envelope and limits: cards/README.md.</remarks>
public sealed partial class TeamsWebhookClient(HttpClient http, IOptions<TeamsOptions> options, ILogger<TeamsWebhookClient> logger)
{
    public const string Service = "Teams";

    public async Task<TeamsDelivery> PostCardAsync(AdaptiveCard card, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.WebhookUrl))
        {
            throw new UserInputException($"{TeamsOptions.Section}:WebhookUrl is not set: set ProdStatus__Teams__WebhookUrl to the Workflows trigger URL");
        }
        byte[] body = CardJson.SerializeMessage(TeamsMessage.For(card));
        if (body.Length > CardLimits.MaxMessageBytes)
        {
            throw new ArgumentException($"the message has {body.Length} bytes; Teams takes at most {CardLimits.MaxMessageBytes}", nameof(card));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, o.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new UpstreamException(Service,
                $"no answer within {o.TimeoutSeconds} s; the card may or may not have been posted, so it was not sent again", ex);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // ex.Message can name the host; the error kind is enough and leaks nothing.
            throw new UpstreamException(Service, $"the webhook could not be reached ({ex.HttpRequestError})", ex);
        }
        using (response)
        {
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                Log.Posted(logger, status, body.Length);
                return new TeamsDelivery(status, body.Length);
            }
            string detail = await ShortBodyAsync(response, cancellationToken);
            Log.Failed(logger, status);
            throw new UpstreamException(Service, response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => $"rate limited (429) after {o.MaxRetries} retries{detail}",
                >= HttpStatusCode.InternalServerError =>
                    $"answered {status}; the card may or may not have been posted, so it was not sent again{detail}",
                _ => $"rejected the card with {status}{detail}",
            });
        }
    }

    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = (await response.Content.ReadAsStringAsync(cancellationToken)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "" : ": " + (text.Length <= 200 ? text : text[..200] + "…");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Teams card posted ({Status}, {Bytes} bytes)")]
        public static partial void Posted(ILogger logger, int status, int bytes);

        [LoggerMessage(2, LogLevel.Warning, "Teams webhook answered {Status}")]
        public static partial void Failed(ILogger logger, int status);
    }
}

/// <summary>The webhook took the message (a 2xx; Workflows posts it asynchronously, so this is not proof of display).</summary>
public sealed record TeamsDelivery(int Status, int Bytes);
