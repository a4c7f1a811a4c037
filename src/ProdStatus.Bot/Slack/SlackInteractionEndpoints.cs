using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Slack;

/// <summary>
/// <c>POST /slack/interactions</c>, Slack's interactivity request URL: signed like slash commands (checked over the raw
/// body first), one form field <c>payload</c> of JSON. A <c>block_actions</c> press of a button the bot handles, by
/// an allowed team, channel and user, is committed to the inbox (once per <c>trigger_id</c> + <c>action_ts</c>) and
/// acknowledged with an empty 200 at once; everything else (link buttons too) is acknowledged and dropped.
/// </summary>
public static class SlackInteractionEndpoints
{
    public static RouteGroupBuilder MapSlackInteractions(this RouteGroupBuilder group)
    {
        group.MapPost("/interactions", HandleAsync).DisableAntiforgery();
        return group;
    }

    private static async Task<Results<Ok, UnauthorizedHttpResult, BadRequest<string>, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, IOptions<SlackOptions> options, InboxRepository inbox, SlackActionRegistry actions, TimeProvider time,
        BotMetrics metrics, ILoggerFactory loggers)
    {
        var (verdict, body) = await SlackVerifiedRequest.ReadAsync(context, options.Value, time, metrics, loggers.CreateLogger("ProdStatus.Bot.Slack"));
        if (SlackVerifiedRequest.Refusal(verdict) is { } refusal)
        {
            return refusal;
        }
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("payload", out var payloadText))
        {
            return TypedResults.BadRequest("form field 'payload' is missing");
        }
        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(payloadText.ToString());
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest("form field 'payload' is not JSON");
        }
        using (payload)
        {
            var root = payload.RootElement;
            if (Text(root, "type") != "block_actions" || !root.TryGetProperty("actions", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                metrics.Request("slack-interaction", "ignored");
                return TypedResults.Ok();
            }
            string? team = Text(root, "team", "id");
            string? channel = Text(root, "channel", "id") ?? Text(root, "container", "channel_id");
            string? user = Text(root, "user", "id");
            if (!SlackVerifiedRequest.Allowed(options.Value, team, channel, user))
            {
                metrics.Request("slack-interaction", "forbidden");
                return TypedResults.Ok();
            }
            foreach (var action in list.EnumerateArray())
            {
                string actionId = Text(action, "action_id") ?? "";
                string? issue = Text(action, "value");
                if (!actions.Handles(actionId) || issue is not { Length: > 0 } || channel is null || user is null)
                {
                    metrics.Request("slack-interaction", "ignored");
                    continue;
                }
                var job = new SlackActionJob(actionId, issue, channel, user, team ?? "", Text(root, "container", "message_ts") ?? Text(root, "message", "ts"),
                    Text(root, "response_url"));
                string dedup = $"slack-action:{Text(root, "trigger_id")}:{Text(action, "action_ts")}:{actionId}";
                // The subject groups presses of one button on one campaign in one channel: a finished refresh supersedes older pending ones.
                bool added = await inbox.EnqueueAsync(SlackLiveKinds.Action, dedup, $"{issue} {actionId} {channel}",
                    JsonSerializer.Serialize(job, SlackLiveJson.Default.SlackActionJob), TimeSpan.Zero, context.RequestAborted);
                metrics.Request("slack-interaction", added ? "accepted" : "duplicate");
            }
            return TypedResults.Ok();
        }
    }

    /// <summary>A string property along <paramref name="path"/>, or null.</summary>
    internal static string? Text(JsonElement element, params string[] path)
    {
        foreach (string name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
