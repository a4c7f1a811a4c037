using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProdStatus.Bot.Webhooks.Jira;

/// <summary>The parts of a Jira issue webhook the bot reads; unknown fields are kept, not rejected.</summary>
public sealed record JiraWebhookEvent
{
    [JsonPropertyName("webhookEvent")] public string? WebhookEvent { get; init; }
    [JsonPropertyName("timestamp")] public long? Timestamp { get; init; }
    [JsonPropertyName("issue")] public JiraWebhookIssue? Issue { get; init; }
    [JsonPropertyName("changelog")] public JiraChangelog? Changelog { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The status change of a <c>jira:issue_updated</c> event, if it carries one.</summary>
    public JiraChangelogItem? StatusChange =>
        WebhookEvent == "jira:issue_updated"
            ? Changelog?.Items?.FirstOrDefault(i => (i.FieldId ?? i.Field) is "status" || string.Equals(i.Field, "status", StringComparison.OrdinalIgnoreCase))
            : null;
}

public sealed record JiraWebhookIssue
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("fields")] public JiraWebhookFields? Fields { get; init; }
}

public sealed record JiraWebhookFields
{
    [JsonPropertyName("issuetype")] public JiraNamed? IssueType { get; init; }
    [JsonPropertyName("project")] public JiraProject? Project { get; init; }
    [JsonPropertyName("summary")] public string? Summary { get; init; }
}

public sealed record JiraNamed([property: JsonPropertyName("name")] string? Name);

public sealed record JiraProject([property: JsonPropertyName("key")] string? Key);

public sealed record JiraChangelog([property: JsonPropertyName("items")] IReadOnlyList<JiraChangelogItem>? Items);

public sealed record JiraChangelogItem(
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("fieldId")] string? FieldId,
    [property: JsonPropertyName("fromString")] string? FromString,
    [property: JsonPropertyName("toString")] string? ToStatus);
