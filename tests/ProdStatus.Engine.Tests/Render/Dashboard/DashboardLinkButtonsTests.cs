using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Slack;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Engine.Tests.Render.Dashboard;

/// <summary>The card and the Slack message link to the dashboard when it is configured, and not otherwise.</summary>
public sealed class DashboardLinkButtonsTests
{
    private static CampaignReport Report(bool configured)
    {
        var options = new DashboardOptions { BaseUrl = configured ? "https://bot.example.org/" : null, LinkKey = "k1-0123456789abcdef0123456789abcdef" };
        var time = ReportFixtures.Clock();
        var builder = new CampaignReportBuilder(Options.Create(new ReportOptions { JiraBrowseUrl = ReportFixtures.JiraBrowseUrl }),
            Options.Create(new PandaOptions { BaseUrl = ReportFixtures.PandaUrl }), time, null, new DashboardLinks(Options.Create(options), time));
        return builder.Build(CampaignBuilder.Standard().Build());
    }

    [Fact]
    public void CardAndSlack_WhenConfigured_OpenTheSignedDashboardFirst()
    {
        var report = Report(configured: true);
        Assert.StartsWith("https://bot.example.org/campaigns/PREOPS-905?exp=", report.Links.Dashboard!.AbsoluteUri, StringComparison.Ordinal);

        string card = CardJson.Serialize(CampaignCards.Summary(report));
        string slack = SlackJson.Serialize(SlackMessages.Summary(report));
        Assert.Contains("\"title\": \"Open dashboard\"", card, StringComparison.Ordinal);
        Assert.Contains("https://bot.example.org/campaigns/PREOPS-905?exp=", card, StringComparison.Ordinal);
        Assert.Contains("open_dashboard", slack, StringComparison.Ordinal);
    }

    [Fact]
    public void CardAndSlack_WhenNotConfigured_HaveNoDashboardButton()
    {
        var report = Report(configured: false);
        Assert.Null(report.Links.Dashboard);
        Assert.DoesNotContain("Open dashboard", CardJson.Serialize(CampaignCards.Summary(report)), StringComparison.Ordinal);
        Assert.DoesNotContain("open_dashboard", SlackJson.Serialize(SlackMessages.Summary(report)), StringComparison.Ordinal);
    }
}
