namespace ProdStatus.Engine.Configuration;

/// <summary>Links and sizes of the person-facing summaries (PDF, cards, Slack). Section <c>ProdStatus:Reports</c>.</summary>
public sealed class ReportOptions
{
    public const string Section = "ProdStatus:Reports";

    /// <summary>Prefix of issue links. <value>Default: <c>https://rubinobs.atlassian.net/browse/</c> (Jira Cloud).</value></summary>
    public string JiraBrowseUrl { get; set; } = "https://rubinobs.atlassian.net/browse/";

    /// <summary>PanDA monitor for the "tasks of this campaign" link. <value>Default: <c>ProdStatus:Panda:BaseUrl</c>; no link if both are empty.</value></summary>
    public string? PandaMonitorUrl { get; set; }

    /// <summary>How many task types the "top by CPU-hours" lists show. <value>Default: 8 (1–50).</value></summary>
    public int TopTaskTypes { get; set; } = 8;
}
