using Microsoft.Extensions.Options;

namespace ProdStatus.Bot;

/// <summary>Slack side of the bot. Section <c>ProdStatus:Slack</c>.</summary>
public sealed class SlackOptions
{
    public const string Section = "ProdStatus:Slack";

    /// <summary>Secret: the app's signing secret. Required for <c>POST /slack/commands</c>.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Optional allow-lists of Slack ids; empty means everyone.</summary>
    public List<string> AllowedTeams { get; set; } = [];

    public List<string> AllowedChannels { get; set; } = [];

    public List<string> AllowedUsers { get; set; } = [];

    /// <summary>Live campaign messages are refreshed this often (0: only on request). <value>Default: 30 min.</value></summary>
    public int LiveRefreshMinutes { get; set; } = 30;

    /// <summary>
    /// Hosts a slash command's <c>response_url</c> may point at; empty means <c>hooks.slack.com</c>. The URL must use
    /// https; plain http is accepted only for a loopback host (tests).
    /// </summary>
    public List<string> ResponseUrlHosts { get; set; } = [];

    /// <summary>The hosts in effect (<see cref="ResponseUrlHosts"/>, or Slack's own).</summary>
    public IReadOnlyList<string> EffectiveResponseUrlHosts => ResponseUrlHosts.Count > 0 ? ResponseUrlHosts : ["hooks.slack.com"];
}

/// <summary>Jira webhook intake. Section <c>ProdStatus:Jira</c> (shared with the Jira client's keys).</summary>
public sealed class JiraWebhookOptions
{
    public const string Section = "ProdStatus:Jira";

    /// <summary>Secret: the webhook's HMAC secret. Required for <c>POST /jira/webhook</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Project keys whose transitions refresh statistics; empty means all.</summary>
    public List<string> WebhookProjects { get; set; } = [];

    /// <summary>Issue type names; empty means all.</summary>
    public List<string> WebhookIssueTypes { get; set; } = [];

    /// <summary>Target status names (<c>toString</c>); empty means any transition.</summary>
    public List<string> WebhookStatuses { get; set; } = [];

    /// <summary>Transitions of one issue within this window become one refresh. <value>Default: 20 s.</value></summary>
    public int DebounceSeconds { get; set; } = 20;

    /// <summary>Events whose <c>timestamp</c> is older than this are acknowledged and ignored (replays). <value>Default: 1440 min.</value></summary>
    public int MaxEventAgeMinutes { get; set; } = 1440;
}

/// <summary>The background worker. Section <c>ProdStatus:Worker</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "ProdStatus:Worker";

    /// <summary><value>Default: 500 ms.</value></summary>
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>
    /// How long a claimed job is reserved; renewed every third of it while the job runs, so a crashed worker's job is
    /// taken over within this time. <value>Default: 60 s.</value>
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Jobs run at once by one process; one slow endpoint delays only its own job. <value>Default: 4.</value></summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Deadline of one attempt of a job (cancelled after it, then retried). <value>Default: 600 s.</value></summary>
    public int JobTimeoutSeconds { get; set; } = 600;

    /// <summary>Done, superseded and failed inbox rows (and journaled effects) older than this are deleted. <value>Default: 30 days.</value></summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often retention runs. <value>Default: 60 min.</value></summary>
    public int HousekeepingIntervalMinutes { get; set; } = 60;

    /// <summary>Attempts before a job ends as failed (the requester is told). <value>Default: 4.</value></summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay, doubled per attempt. <value>Default: 30 s.</value></summary>
    public int RetryDelaySeconds { get; set; } = 30;

    /// <summary>collTypes used when a production issue has no parameter file: the issue key itself matches every workflow of it.</summary>
    public List<string> DefaultCollTypes { get; set; } = [];

    /// <summary>How far back <c>stats</c> looks for workflows. <value>Default: 180 days.</value></summary>
    public int LookbackDays { get; set; } = 180;
}

internal sealed class BotOptionsValidator : IValidateOptions<WorkerOptions>, IValidateOptions<JiraWebhookOptions>, IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        Range(errors, $"{SlackOptions.Section}:LiveRefreshMinutes", options.LiveRefreshMinutes, 0, 10_080);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var errors = new List<string>();
        Range(errors, $"{WorkerOptions.Section}:PollIntervalMilliseconds", options.PollIntervalMilliseconds, 10, 60_000);
        Range(errors, $"{WorkerOptions.Section}:LeaseSeconds", options.LeaseSeconds, 5, 86_400);
        Range(errors, $"{WorkerOptions.Section}:MaxAttempts", options.MaxAttempts, 1, 20);
        Range(errors, $"{WorkerOptions.Section}:RetryDelaySeconds", options.RetryDelaySeconds, 0, 3600);
        Range(errors, $"{WorkerOptions.Section}:LookbackDays", options.LookbackDays, 1, 3650);
        Range(errors, $"{WorkerOptions.Section}:Concurrency", options.Concurrency, 1, 64);
        Range(errors, $"{WorkerOptions.Section}:JobTimeoutSeconds", options.JobTimeoutSeconds, 1, 86_400);
        Range(errors, $"{WorkerOptions.Section}:RetentionDays", options.RetentionDays, 1, 3650);
        Range(errors, $"{WorkerOptions.Section}:HousekeepingIntervalMinutes", options.HousekeepingIntervalMinutes, 1, 1440);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, JiraWebhookOptions options)
    {
        var errors = new List<string>();
        Range(errors, $"{JiraWebhookOptions.Section}:DebounceSeconds", options.DebounceSeconds, 0, 3600);
        Range(errors, $"{JiraWebhookOptions.Section}:MaxEventAgeMinutes", options.MaxEventAgeMinutes, 1, 43_200);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max) =>
        ProdStatus.Engine.Configuration.OptionChecks.Range(errors, key, value, min, max);
}
