namespace ProdStatus.Engine.Inbox;

/// <summary>A unit of work accepted by a front door (Slack command, Jira webhook), waiting in the durable inbox.</summary>
/// <param name="Kind">What to do (<see cref="InboxKinds"/>).</param>
/// <param name="Subject">What it is about (an issue key): newer jobs about the same subject supersede pending older ones.</param>
/// <param name="Payload">JSON the processor reads; never contains secrets.</param>
public sealed record InboxJob(
    long Id,
    string Kind,
    string Subject,
    string Payload,
    InboxState State,
    int Attempts,
    DateTimeOffset NotBefore,
    DateTimeOffset CreatedUtc,
    string? LastError);

public enum InboxState
{
    Pending,
    InProgress,
    Done,
    Failed,
    Superseded,
}

public static class InboxKinds
{
    public const string SlackCommand = "slack-command";
    public const string JiraTransition = "jira-transition";

    /// <summary>The dashboard's Refresh button: read the campaign from PanDA into the store.</summary>
    public const string DashboardRefresh = "dashboard-refresh";

    /// <summary>
    /// Kinds enqueued with <see cref="InboxRepository.EnqueueSupersedingAsync"/>: a newer job replaces the pending one of
    /// its subject, and jobs of one subject run one at a time. Never a person's request.
    /// </summary>
    public static readonly IReadOnlyList<string> Superseding = [JiraTransition];
}
