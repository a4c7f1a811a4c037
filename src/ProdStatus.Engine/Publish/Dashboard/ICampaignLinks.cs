namespace ProdStatus.Engine.Publish.Dashboard;

/// <summary>Where a person opens a campaign's dashboard: what cards, Slack messages and Jira comments link to.</summary>
public interface ICampaignLinks
{
    /// <summary>The dashboard URL of <paramref name="issue"/> (signed when a link key is set), or null when the dashboard is not configured.</summary>
    string? DashboardUrl(string issue);
}
