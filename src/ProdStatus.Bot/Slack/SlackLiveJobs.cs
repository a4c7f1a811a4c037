using System.Text.Json.Serialization;

namespace ProdStatus.Bot.Slack;

/// <summary>Inbox kinds of the interactive Slack front doors.</summary>
public static class SlackLiveKinds
{
    /// <summary>A button press from <c>POST /slack/interactions</c> (or a scheduled refresh of a live message).</summary>
    public const string Action = "slack-action";

    /// <summary>An Events API delivery from <c>POST /slack/events</c>.</summary>
    public const string Event = "slack-event";
}

/// <summary>Inbox payload of a <c>block_actions</c> button press.</summary>
/// <param name="Issue">The button's <c>value</c>: the campaign's issue key.</param>
/// <param name="ResponseUrl">Where the presser gets an ephemeral answer; null for scheduled refreshes.</param>
public sealed record SlackActionJob(string ActionId, string? Issue, string ChannelId, string UserId, string TeamId, string? MessageTs, string? ResponseUrl);

/// <summary>Inbox payload of an Events API delivery the bot acts on (<c>link_shared</c>, <c>app_home_opened</c>).</summary>
public sealed record SlackEventJob(
    string Type, string? Channel, string? MessageTs, string? UnfurlId, string? Source, IReadOnlyList<string> Urls, string? User, string? Tab);

[JsonSerializable(typeof(SlackActionJob))]
[JsonSerializable(typeof(SlackEventJob))]
internal sealed partial class SlackLiveJson : JsonSerializerContext;
