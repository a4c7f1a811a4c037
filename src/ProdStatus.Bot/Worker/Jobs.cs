using System.Text.Json.Serialization;
using ProdStatus.Bot.Webhooks.Jira;

namespace ProdStatus.Bot.Worker;

/// <summary>Inbox payload of an accepted slash command.</summary>
public sealed record SlackCommandJob(string Verb, string? Issue, string ResponseUrl, string ChannelId, string UserId, string TeamId);

/// <summary>Inbox payload of a tracked issue's status transition.</summary>
public sealed record JiraTransitionJob(string IssueKey, string? FromStatus, string? ToStatus, string? IssueType);

/// <summary>Inbox payload of the dashboard's Refresh button.</summary>
public sealed record DashboardRefreshJob(string IssueKey);

[JsonSerializable(typeof(SlackCommandJob))]
[JsonSerializable(typeof(DashboardRefreshJob))]
[JsonSerializable(typeof(JiraTransitionJob))]
[JsonSerializable(typeof(JiraWebhookEvent))]
internal sealed partial class BotJson : JsonSerializerContext;
