namespace ProdStatus.Engine.Configuration;

/// <summary>Links and sizes of the person-facing summaries (PDF, cards, Slack). Section <c>ProdStatus:Reports</c>.</summary>
public sealed class ReportOptions
{
    public const string Section = "ProdStatus:Reports";

    /// <summary>Prefix of issue links, e.g. <c>https://rubinobs.atlassian.net/browse/</c> (set in appsettings.json). Empty: no Jira links.</summary>
    public string? JiraBrowseUrl { get; set; }

    /// <summary>PanDA monitor for the "tasks of this campaign" link. <value>Default: <c>ProdStatus:Panda:BaseUrl</c>; no link if both are empty.</value></summary>
    public string? PandaMonitorUrl { get; set; }

    /// <summary>How many task types the "top by CPU-hours" lists show. <value>Default: 8 (1–50).</value></summary>
    public int TopTaskTypes { get; set; } = 8;
}
