using Microsoft.AspNetCore.Http.HttpResults;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Bot.Webhooks.Slack;

/// <summary>Why a Slack request was not accepted, or <see cref="Valid"/>.</summary>
internal enum SlackRequestVerdict
{
    Valid,
    NotConfigured,
    TooLarge,
    Unauthorized,
}

/// <summary>
/// The common front of every Slack endpoint (commands, interactions, events): the signing secret must be set, the
/// raw body is read once with a size cap, and its <c>v0</c> signature and timestamp are checked before anything parses it.
/// </summary>
internal static partial class SlackVerifiedRequest
{
    public const int MaxBody = 64 * 1024;

    public static async Task<(SlackRequestVerdict Verdict, byte[] Body)> ReadAsync(HttpContext context, SlackOptions options, TimeProvider time,
        BotMetrics metrics, ILogger logger)
    {
        if (options.SigningSecret is not { Length: > 0 } secret)
        {
            Log.NotConfigured(logger);
            metrics.Request("slack", "not-configured");
            return (SlackRequestVerdict.NotConfigured, []);
        }
        byte[]? body = await RawBody.ReadAsync(context.Request, MaxBody, context.RequestAborted);
        if (body is null)
        {
            return (SlackRequestVerdict.TooLarge, []);
        }
        var verdict = SlackSignature.Verify(secret, context.Request.Headers["X-Slack-Request-Timestamp"],
            context.Request.Headers["X-Slack-Signature"], body, time.GetUtcNow());
        if (verdict != SlackSignatureResult.Valid)
        {
            Log.Rejected(logger, verdict);
            metrics.Request("slack", "unauthorized");
            return (SlackRequestVerdict.Unauthorized, []);
        }
        return (SlackRequestVerdict.Valid, body);
    }

    /// <summary>The allow-lists of <see cref="SlackOptions"/>; an empty list allows everyone. A null channel (the Home tab) is not checked.</summary>
    /// <summary>The answer to a request that was not accepted (503, 413 or 401), or null when it is valid.</summary>
    public static StatusCodeHttpResult? Refusal(SlackRequestVerdict verdict) => verdict switch
    {
        SlackRequestVerdict.NotConfigured => TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable),
        SlackRequestVerdict.TooLarge => TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge),
        SlackRequestVerdict.Unauthorized => TypedResults.StatusCode(StatusCodes.Status401Unauthorized),
        _ => null,
    };

    public static bool Allowed(SlackOptions o, string? team, string? channel, string? user) =>
        (o.AllowedTeams.Count == 0 || o.AllowedTeams.Contains(team ?? "")) &&
        (o.AllowedChannels.Count == 0 || channel is null || o.AllowedChannels.Contains(channel)) &&
        (o.AllowedUsers.Count == 0 || o.AllowedUsers.Contains(user ?? ""));

    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Warning, "Slack request rejected: {Verdict}")]
        public static partial void Rejected(ILogger logger, SlackSignatureResult verdict);

        [LoggerMessage(102, LogLevel.Error, "Slack request refused: ProdStatus:Slack:SigningSecret is not configured")]
        public static partial void NotConfigured(ILogger logger);
    }
}
