using System.Text.Json.Nodes;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Watch;

namespace ProdStatus.Bot.Watch;

/// <summary>Finds the <c>ts</c> of a campaign's live message in a channel, so alerts become thread replies under it.</summary>
public interface ILiveMessageLocator
{
    /// <summary>The live message's <c>ts</c>, or null when the channel has none (the alert is then posted to the channel).</summary>
    Task<string?> FindThreadAsync(string issue, string channel, CancellationToken cancellationToken = default);
}

/// <summary>
/// Posts watch alerts with <c>chat.postMessage</c> (a thread reply when the live message is known) with Snooze and
/// Acknowledge buttons, and digests as one file upload whose comment is the digest text.
/// </summary>
public sealed class SlackAlertPoster(SlackWebClient slack, ILiveMessageLocator live) : IAlertPoster
{
    public const string Snooze1h = "prodstat_snooze_1h";
    public const string Snooze1d = "prodstat_snooze_1d";
    public const string SnoozeState = "prodstat_snooze_state";
    public const string Ack = "prodstat_ack";

    public async Task PostAlertAsync(string channel, WatchAlert alert, CancellationToken cancellationToken = default)
    {
        var message = Message(alert);
        if (await live.FindThreadAsync(alert.Issue, channel, cancellationToken) is { Length: > 0 } ts)
        {
            message["thread_ts"] = ts;
        }
        await slack.PostMessageAsync(channel, message, cancellationToken);
    }

    public async Task PostDigestAsync(string channel, DigestMessage digest, CancellationToken cancellationToken = default) =>
        await slack.UploadFileAsync(channel, digest.FileName, digest.Png, $"Progress {digest.Issue}", digest.Text, null, cancellationToken);

    /// <summary>The Block Kit message of an alert: its text, and buttons unless it is a "cleared" note. Button values carry the dedup key.</summary>
    public static JsonObject Message(WatchAlert alert)
    {
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = alert.Text },
        });
        if (alert.Kind != AlertKind.Cleared)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(
                    Button("Snooze 1h", Snooze1h, alert.Key), Button("Snooze 1d", Snooze1d, alert.Key),
                    Button("Snooze until state change", SnoozeState, alert.Key), Button("Acknowledge", Ack, alert.Key)),
            });
        }
        return new JsonObject { ["text"] = alert.Text, ["blocks"] = blocks };
    }

    private static JsonObject Button(string text, string actionId, string value) => new()
    {
        ["type"] = "button",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["action_id"] = actionId,
        ["value"] = value,
    };
}
