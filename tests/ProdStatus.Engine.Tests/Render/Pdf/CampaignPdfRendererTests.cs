using System.Globalization;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Pdf;

public sealed class CampaignPdfRendererTests : IDisposable
{
    private readonly Engine.Render.Fonts.FontLibrary _fonts = ReportFixtures.Fonts();

    public void Dispose() => _fonts.Dispose();

    [Fact]
    public async Task Render_StandardCampaign_TextShowsTitleWindowStatusesAndTotals()
    {
        var result = CampaignBuilder.Standard().Build();
        var report = ReportFixtures.ReportBuilder().Build(result, new ReportExtras(ReportFixtures.Window, [TestTables.Butler(result.Jira, 3)]));

        string text = await Poppler.ExtractTextAsync(new CampaignPdfRenderer(_fonts).Render(report), TestContext.Current.CancellationToken);

        Assert.Contains("Campaign summary PREOPS-905", text);
        Assert.Contains("Generated 2022-02-03 12:00:00 UTC", text);
        Assert.Contains("Data window 2022-01-27 to 2022-02-03", text);
        Assert.Contains("https://rubinobs.atlassian.net/browse/PREOPS-905", text);
        foreach (string status in new[] { "Finished", "SubFinished", "Transforming" })
        {
            Assert.Contains(status, text);
        }
        Assert.Contains(result.Campaign.Quanta.ToString(CultureInfo.InvariantCulture), text);
        Assert.Contains(result.Campaign.CpuHours.ToString("0.00", CultureInfo.InvariantCulture), text);
        Assert.Contains("Top task types by CPU-hours", text);
        Assert.Contains("Panda campaign statistics PREOPS-905", text);
        Assert.Contains("Butler statistics PREOPS-905", text);
        Assert.Contains("20220127T205646Z_isr", text);
        Assert.Contains("page 1 of", text);
    }

    [Fact]
    public async Task Render_CampaignWithoutWorkflows_SaysSoOnOnePage()
    {
        var report = ReportFixtures.ReportBuilder().Build(new CampaignBuilder().Build());

        string text = await Poppler.ExtractTextAsync(new CampaignPdfRenderer(_fonts).Render(report), TestContext.Current.CancellationToken);

        Assert.Contains("No workflow matched the campaign.", text);
        Assert.Contains("page 1 of 1", text);
    }

    [Fact]
    public void Render_SameReportTwice_GivesIdenticalBytes()
    {
        var renderer = new CampaignPdfRenderer(_fonts);
        var report = ReportFixtures.Standard();

        Assert.Equal(renderer.Render(report), renderer.Render(report));
    }

    [Fact]
    public async Task Render_TableLongerThanAPage_RepeatsTitleAndHeaderOnEveryPage()
    {
        var result = CampaignBuilder.Sized(steps: 5, taskTypes: 120).Build();
        var report = ReportFixtures.ReportBuilder().Build(result);

        string text = await Poppler.ExtractTextAsync(new CampaignPdfRenderer(_fonts).Render(report), TestContext.Current.CancellationToken);

        string[] pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries);
        var taskPages = pages.Where(p => p.Contains("task_type_with_a_long_name_119", StringComparison.Ordinal)
            || p.Contains("Panda campaign statistics", StringComparison.Ordinal)).ToList();
        Assert.True(taskPages.Count >= 3, $"expected the 121-row task table on 3+ pages, got {taskPages.Count}");
        Assert.All(taskPages, p => Assert.Contains("Workflow Task", p));
        Assert.Equal(taskPages.Count - 1, taskPages.Count(p => p.Contains("Panda campaign statistics PREOPS-905 (continued)", StringComparison.Ordinal)));
        Assert.Contains($"page {pages.Length} of {pages.Length}", pages[^1]);
    }

    [Fact]
    public async Task Render_ThreePlots_EmbedsEachImageWithItsCaptionOnAPlotsPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var report = ReportFixtures.ReportBuilder().Build(CampaignBuilder.Standard().Build(), new ReportExtras(Plots: TestPlots.Create(_fonts, 3)));

        byte[] pdf = new CampaignPdfRenderer(_fonts).Render(report);

        Assert.Equal(3, await Poppler.ImageCountAsync(pdf, ct));
        string plotsPage = (await Poppler.ExtractTextAsync(pdf, ct)).Split('\f').Single(p => p.Contains("Plots", StringComparison.Ordinal));
        Assert.Contains("Figure 1: running jobs over time", plotsPage);
        Assert.Contains("Figure 3: running jobs over time", plotsPage);
    }

    [Fact]
    public async Task Render_NameWiderThanItsColumn_IsEllipsizedKeepingBothEnds()
    {
        string longName = "20220127T205646Z_" + string.Concat(Enumerable.Repeat("very_long_label_", 20)) + "END";
        var table = new StatTable("t", "Long names", "name", [new("value", true)], [new TableRow(longName, ["42"])]);
        var report = ReportFixtures.ReportBuilder().Build(CampaignBuilder.Standard().Build(), new ReportExtras(Tables: [table]));

        string text = await Poppler.ExtractTextAsync(new CampaignPdfRenderer(_fonts).Render(report), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(longName, text);
        Assert.Matches(@"20220127T205646Z_very_long_label_[a-z_]*…[a-z_]*_END\s+42", text);
    }
}
