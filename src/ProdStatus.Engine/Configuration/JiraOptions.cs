using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Configuration;

/// <summary>
/// The Jira connection and the DRP conventions. Section <c>ProdStatus:Jira</c>. Cloud uses <see cref="Email"/> +
/// <see cref="ApiToken"/> (Basic); Data Center uses <see cref="PersonalAccessToken"/> (Bearer). With neither, every
/// write goes to the outbox folder. Resilience defaults: attempt 30 s, total 600 s, 5 retries (any call refused with
/// 429/503 or never connected; timeouts, resets and other 5xx only for GET/PUT/DELETE), back-off from 2000 ms,
/// Retry-After up to 120 s.
/// </summary>
public sealed class JiraOptions : HttpServiceOptions
{
    public const string Section = "ProdStatus:Jira";

    public JiraOptions()
    {
        TimeoutSeconds = 30;
        TotalTimeoutSeconds = 600;
        MaxRetries = 5;
        RetryDelayMilliseconds = 2000;
        MaxRetryAfterSeconds = 120;
    }

    /// <summary>Site URL, e.g. <c>https://example.atlassian.net/</c>. Required when credentials are set.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Cloud account e-mail (Basic auth user).</summary>
    public string? Email { get; set; }

    /// <summary>Secret: Cloud API token. Never logged.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Secret: Data Center personal access token (Bearer). Never logged.</summary>
    public string? PersonalAccessToken { get; set; }

    /// <summary>Project of new workflow issues. <value>Default: <c>DRP</c>.</value></summary>
    public string Project { get; set; } = "DRP";

    /// <summary>Issue type of new workflow issues. <value>Default: <c>Task</c>.</value></summary>
    public string IssueType { get; set; } = "Task";

    /// <summary>Components of new workflow issues (the original used <c>Test</c>). <value>Default: none.</value></summary>
    public List<string> Components { get; set; } = [];

    /// <summary>Issue whose description holds the table of all workflows (was DRP-53).</summary>
    public string? SummaryIssue { get; set; }

    /// <summary>Issue whose description holds the table of step1 workflows (was DRP-55).</summary>
    public string? Step1SummaryIssue { get; set; }

    /// <summary>Issue whose description held the original JSON store (was DRP-54); read by import-summary only.</summary>
    public string? LegacyStoreIssue { get; set; }

    /// <summary>Prefix of issue links in tables. <value>Default: <c>&lt;BaseUrl&gt;browse/</c>.</value></summary>
    public string? BrowseUrl { get; set; }

    /// <summary>Prefix of PanDA links written into DRP issues. <value>Default: the PanDA monitor base URL.</value></summary>
    public string? PandaLinkBase { get; set; }

    /// <summary>False adds <c>notifyUsers=false</c> to edits, so re-rendered summary issues do not e-mail every watcher
    /// (Jira honours it only for project administrators). <value>Default: true.</value></summary>
    public bool NotifyUsers { get; set; } = true;

    /// <summary>Folder of the outbox (dry runs, no credentials). <value>Default: <c>&lt;DataDir&gt;/outbox</c>.</value></summary>
    public string? OutboxDir { get; set; }

    /// <summary>Longest description or comment sent (Jira's limit is 32 767). <value>Default: 32 767.</value></summary>
    public int MaxFieldLength { get; set; } = 32_767;

    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(PersonalAccessToken) || !string.IsNullOrWhiteSpace(ApiToken);

    /// <summary>Cloud (Basic, <c>/search/jql</c>) when an API token is set, otherwise Data Center.</summary>
    public bool IsCloud => !string.IsNullOrWhiteSpace(ApiToken);

    public string ResolveBrowseUrl()
    {
        string? url = BrowseUrl is { Length: > 0 } b ? b : BaseUrl is { Length: > 0 } s ? s.TrimEnd('/') + "/browse/" : null;
        return url is null ? "" : url.EndsWith('/') ? url : url + "/";
    }

    public string ResolveOutboxDir(OutputOptions output) =>
        OutboxDir is { Length: > 0 } dir ? OutputOptions.ExpandHome(dir) : Path.Combine(output.ResolveDataDir(), "outbox");
}
