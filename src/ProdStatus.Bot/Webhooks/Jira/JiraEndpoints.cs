using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Webhooks.Jira;

/// <summary>
/// <c>POST /jira/webhook</c>: verify <c>X-Hub-Signature</c> over the raw body, keep status transitions of tracked
/// issues, deduplicate on <c>X-Atlassian-Webhook-Identifier</c> (stable across Jira's retries) and on a hash of the
/// signed body (a captured body replayed under a new id), ignore events older than <c>MaxEventAgeMinutes</c>, debounce
/// bursts per issue at intake (the newest delivery replaces the pending refresh), answer 202 at once. Never 409/5xx for
/// a duplicate: Jira would only retry it.
/// </summary>
public static partial class JiraEndpoints
{
    private const int MaxBody = 1024 * 1024;

    public static RouteGroupBuilder MapJiraWebhooks(this RouteGroupBuilder group)
    {
        group.MapPost("/webhook", HandleAsync).DisableAntiforgery();
        return group;
    }

    private static async Task<Results<Accepted, NoContent, UnauthorizedHttpResult, BadRequest<string>, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, IOptions<JiraWebhookOptions> options, InboxRepository inbox, BotMetrics metrics, TimeProvider time,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ProdStatus.Bot.Jira");
        var o = options.Value;
        if (o.WebhookSecret is not { Length: > 0 } secret)
        {
            Log.NotConfigured(logger);
            metrics.Request("jira", "not-configured");
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        byte[]? body = await RawBody.ReadAsync(context.Request, MaxBody, context.RequestAborted);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var verdict = JiraSignature.Verify(secret, context.Request.Headers["X-Hub-Signature"], body);
        if (verdict != JiraSignatureResult.Valid)
        {
            Log.Rejected(logger, verdict);
            metrics.Request("jira", "unauthorized");
            return TypedResults.Unauthorized();
        }
        JiraWebhookEvent? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, BotJson.Default.JiraWebhookEvent);
        }
        catch (JsonException)
        {
            metrics.Request("jira", "bad-json");
            return TypedResults.BadRequest("body is not JSON");
        }
        if (payload?.Issue?.Key is not { Length: > 0 } rawKey || payload.StatusChange is not { } change)
        {
            metrics.Request("jira", "ignored");
            return TypedResults.NoContent();
        }
        if (!IssueKey.TryParse(rawKey, out var key))
        {
            metrics.Request("jira", "bad-key");
            return TypedResults.BadRequest(IssueKey.Error("issue.key", rawKey));
        }
        if (!Tracked(o, payload, key, change))
        {
            metrics.Request("jira", "ignored");
            return TypedResults.NoContent();
        }
        if (payload.Timestamp is { } ms && time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms) > TimeSpan.FromMinutes(o.MaxEventAgeMinutes))
        {
            Log.Stale(logger, key.Value, o.MaxEventAgeMinutes);
            metrics.Request("jira", "stale");
            return TypedResults.NoContent();
        }
        // Replays are inert: the delivery id (stable across Jira's retries) and the signed body are both remembered.
        string bodyKey = "jira-body:" + Convert.ToHexStringLower(SHA256.HashData(body));
        string[] dedup = context.Request.Headers["X-Atlassian-Webhook-Identifier"].ToString() is { Length: > 0 } id
            ? ["jira:" + id, bodyKey]
            : [bodyKey];
        var job = new JiraTransitionJob(key.Value, change.FromString, change.ToStatus, payload.Issue.Fields?.IssueType?.Name);
        bool added = await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, dedup, key.Value,
            JsonSerializer.Serialize(job, BotJson.Default.JiraTransitionJob), TimeSpan.FromSeconds(o.DebounceSeconds), context.RequestAborted);
        metrics.Request("jira", added ? "accepted" : "duplicate");
        return TypedResults.Accepted((string?)null);
    }

    private static bool Tracked(JiraWebhookOptions o, JiraWebhookEvent e, IssueKey key, JiraChangelogItem change)
    {
        string project = e.Issue?.Fields?.Project?.Key ?? key.Project;
        return (o.WebhookProjects.Count == 0 || o.WebhookProjects.Contains(project, StringComparer.OrdinalIgnoreCase)) &&
               (o.WebhookIssueTypes.Count == 0 || o.WebhookIssueTypes.Contains(e.Issue?.Fields?.IssueType?.Name ?? "", StringComparer.OrdinalIgnoreCase)) &&
               (o.WebhookStatuses.Count == 0 || o.WebhookStatuses.Contains(change.ToStatus ?? "", StringComparer.OrdinalIgnoreCase));
    }

    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Warning, "Jira webhook rejected: {Verdict}")]
        public static partial void Rejected(ILogger logger, JiraSignatureResult verdict);

        [LoggerMessage(202, LogLevel.Error, "Jira webhook refused: ProdStatus:Jira:WebhookSecret is not configured")]
        public static partial void NotConfigured(ILogger logger);

        [LoggerMessage(203, LogLevel.Information, "Jira event for {Issue} ignored: older than ProdStatus:Jira:MaxEventAgeMinutes ({Minutes})")]
        public static partial void Stale(ILogger logger, string issue, int minutes);
    }
}
