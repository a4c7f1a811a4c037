namespace ProdStatus.Engine.Publish.Dashboard;

public static class CampaignLinksExtensions
{
    /// <summary>
    /// A Jira comment's wiki text with a last line linking to the campaign dashboard, or the text unchanged when the
    /// dashboard is not configured. The link changes once a day at most (see <see cref="DashboardLinks"/>), so a
    /// re-published comment is not rewritten on every run.
    /// </summary>
    public static string WithDashboardLink(this ICampaignLinks links, string issue, string wikiText) =>
        links.DashboardUrl(issue) is { } url ? $"{wikiText.TrimEnd()}\n\nCampaign dashboard: [{issue} dashboard|{url}]\n" : wikiText;
}
