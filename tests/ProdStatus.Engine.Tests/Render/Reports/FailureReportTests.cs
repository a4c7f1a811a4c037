using ProdStatus.Engine.Failures;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Slack;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Reports;

/// <summary>The failure table in every person-facing format: PDF, Adaptive Card (top 5), Slack (top 3), known ones labelled.</summary>
public sealed class FailureReportTests : IDisposable
{
    private readonly Engine.Render.Fonts.FontLibrary _fonts = ReportFixtures.Fonts();

    public void Dispose() => _fonts.Dispose();

    private static CampaignReport Report()
    {
        var result = CampaignBuilder.Standard().Build();
        string type = result.TaskTypes[0].Row;
        TaskTypeFailure Row(FailureCause cause, long attempts, string? known = null, params string[] tickets) =>
            new(type, cause, cause == FailureCause.Unknown ? "pilot 1999" : "pilot 1305", known, tickets, false, attempts, attempts / 2, attempts / 100.0,
                5_812_771 + attempts, $"example for {cause}");
        result = result with
        {
            Failures =
            [
                Row(FailureCause.Pipeline, 40, "calibrate_nan_to_int", "DM-37089"),
                Row(FailureCause.OutOfMemory, 30),
                Row(FailureCause.Preempted, 20),
                Row(FailureCause.StageInOut, 10),
                Row(FailureCause.Site, 8, "lost_heartbeat", "DM-36356"),
                Row(FailureCause.Unknown, 6),
                Row(FailureCause.WallTime, 4),
            ],
        };
        return ReportFixtures.ReportBuilder().Build(result, new ReportExtras(ReportFixtures.Window));
    }

    [Fact]
    public void Builder_LabelsKnownFailuresAndLinksTheirTickets()
    {
        var lines = Report().FailureLines;

        Assert.Equal(7, lines.Count);
        Assert.Equal("known (DM-37089)", lines[0].Known);
        Assert.Equal(new Uri("https://rubinobs.atlassian.net/browse/DM-37089"), lines[0].Tickets[0].Url);
        Assert.Equal("new", lines[1].Known);
        Assert.Equal("unknown (pilot 1999)", lines[5].Cause);
    }

    [Fact]
    public void Card_ShowsTheTopFiveCauses_AndSaysHowManyMore()
    {
        string json = CardJson.Serialize(CampaignCards.Summary(Report()));

        Assert.Contains("Top failure causes", json, StringComparison.Ordinal);
        Assert.Contains("known ([DM-37089](https://rubinobs.atlassian.net/browse/DM-37089))", json, StringComparison.Ordinal);
        Assert.Contains("example", json, StringComparison.Ordinal);
        Assert.Contains("Showing 5 of 7 failure causes", json, StringComparison.Ordinal);
        Assert.DoesNotContain("wall-time exceeded", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_ShowsTheTopThreeCauses_WithTicketLinks()
    {
        var message = SlackMessages.Summary(Report());
        string json = SlackJson.Serialize(message);

        Assert.Empty(SlackLimits.Check(message));
        Assert.Contains("*Top failure causes*", json, StringComparison.Ordinal);
        Assert.Contains("known (<https://rubinobs.atlassian.net/browse/DM-37089|DM-37089>)", json, StringComparison.Ordinal);
        Assert.Contains("preempted/killed, new", json, StringComparison.Ordinal);
        Assert.DoesNotContain("missing input", json, StringComparison.Ordinal);
        Assert.Contains("4 more failure causes", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_HasTheFailureTable()
    {
        string text = await Poppler.ExtractTextAsync(new CampaignPdfRenderer(_fonts).Render(Report()), TestContext.Current.CancellationToken);

        Assert.Contains("Failures by cause", text, StringComparison.Ordinal);
        Assert.Contains("known (DM-37089)", text, StringComparison.Ordinal);
        Assert.Contains("wall-time exceeded", text, StringComparison.Ordinal);
    }
}
