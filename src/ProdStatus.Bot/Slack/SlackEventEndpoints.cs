using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Slack;

/// <summary>
/// <c>POST /slack/events</c>, the Events API request URL, signed like slash commands. <c>url_verification</c> is
/// answered with its challenge. An <c>event_callback</c> the bot acts on (<c>link_shared</c>, <c>app_home_opened</c>)
/// from an allowed team, channel and user is committed to the inbox once per <c>event_id</c> — Slack's retries
/// (<c>X-Slack-Retry-Num</c>) reuse it — and acknowledged with 200 at once.
/// </summary>
public static class SlackEventEndpoints
{
    public static RouteGroupBuilder MapSlackEvents(this RouteGroupBuilder group)
    {
        group.MapPost("/events", HandleAsync).DisableAntiforgery();
        return group;
    }

    private static async Task<Results<Ok, Ok<ChallengeReply>, UnauthorizedHttpResult, BadRequest<string>, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, IOptions<SlackOptions> options, InboxRepository inbox, TimeProvider time, BotMetrics metrics, ILoggerFactory loggers)
    {
        var (verdict, body) = await SlackVerifiedRequest.ReadAsync(context, options.Value, time, metrics, loggers.CreateLogger("ProdStatus.Bot.Slack"));
        if (SlackVerifiedRequest.Refusal(verdict) is { } refusal)
        {
            return refusal;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest("body is not JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            string? Text(params string[] path) => SlackInteractionEndpoints.Text(root, path);
            switch (Text("type"))
            {
                case "url_verification":
                    metrics.Request("slack-event", "url-verification");
                    return TypedResults.Ok(new ChallengeReply(Text("challenge") ?? ""));
                case "event_callback" when Text("event_id") is { Length: > 0 } eventId && Job(root) is { } job:
                    if (!SlackVerifiedRequest.Allowed(options.Value, Text("team_id"), job.Channel, job.User))
                    {
                        metrics.Request("slack-event", "forbidden");
                        return TypedResults.Ok();
                    }
                    bool added = await inbox.EnqueueAsync(SlackLiveKinds.Event, "slack-event:" + eventId, $"{job.Type} {job.Channel ?? job.User}",
                        JsonSerializer.Serialize(job, SlackLiveJson.Default.SlackEventJob), TimeSpan.Zero, context.RequestAborted);
                    bool retry = context.Request.Headers.ContainsKey("X-Slack-Retry-Num");
                    metrics.Request("slack-event", added ? (retry ? "accepted-retry" : "accepted") : "duplicate");
                    return TypedResults.Ok();
                default:
                    metrics.Request("slack-event", "ignored");
                    return TypedResults.Ok();
            }
        }
    }

    /// <summary>The inbox job of an event the bot handles, or null.</summary>
    private static SlackEventJob? Job(JsonElement root)
    {
        if (!root.TryGetProperty("event", out var e))
        {
            return null;
        }
        string? Text(params string[] path) => SlackInteractionEndpoints.Text(e, path);
        switch (Text("type"))
        {
            case "link_shared":
                var urls = e.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array
                    ? links.EnumerateArray().Select(l => SlackInteractionEndpoints.Text(l, "url")).OfType<string>().ToList()
                    : [];
                return urls.Count == 0 ? null
                    : new SlackEventJob("link_shared", Text("channel"), Text("message_ts"), Text("unfurl_id"), Text("source"), urls, Text("user"), null);
            case "app_home_opened":
                return new SlackEventJob("app_home_opened", null, null, null, null, [], Text("user"), Text("tab"));
            default:
                return null;
        }
    }
}

/// <summary>The answer to Slack's <c>url_verification</c>.</summary>
public sealed record ChallengeReply([property: System.Text.Json.Serialization.JsonPropertyName("challenge")] string Challenge);
