using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Reports;

public sealed class CampaignReportBuilderTests
{
    [Fact]
    public void Build_StandardCampaign_CountsStatusesProblemsFirstWithTones()
    {
        var report = ReportFixtures.Standard();

        Assert.Equal(
            [new StatusCount("SubFinished", 1, StatusTone.Warning), new StatusCount("Transforming", 1, StatusTone.Running), new StatusCount("Finished", 1, StatusTone.Good)],
            report.StatusCounts);
        Assert.Equal(CampaignBuilder.Now, report.GeneratedUtc);
        Assert.Equal(ReportFixtures.Window, report.Window);
    }

    [Fact]
    public void Build_TopTaskTypes_AreTheLargestByCpuHoursLimitedByOptions()
    {
        var result = CampaignBuilder.Sized(steps: 3, taskTypes: 20).Build();

        var report = ReportFixtures.ReportBuilder(options: new ReportOptions { TopTaskTypes = 5 }).Build(result);

        var expected = result.TaskTypes.OrderByDescending(t => t.CpuHours).Take(5).Select(t => t.Row);
        Assert.Equal(expected, report.TopTaskTypes.Select(t => t.Name));
        Assert.True(report.TopTaskTypes.Zip(report.TopTaskTypes.Skip(1)).All(p => p.First.CpuHours >= p.Second.CpuHours));
    }

    [Fact]
    public void Build_ExtraTablesAndPlots_FollowThePandaTablesInOrder()
    {
        var result = CampaignBuilder.Standard().Build();
        var butler = TestTables.Butler(result.Jira, 2);
        var plot = new ReportPlot("timing", new byte[] { 1, 2, 3 });

        var report = ReportFixtures.ReportBuilder().Build(result, new ReportExtras(Tables: [butler], Plots: [plot]));

        Assert.Equal(["pandaWfStat", "pandaStat", "butlerStat"], report.Tables.Select(t => t.Name));
        Assert.Equal([plot], report.Plots);
    }

    [Fact]
    public void Build_Links_UseTheJiraPrefixAndThePandaMonitorOverride()
    {
        var options = new ReportOptions { JiraBrowseUrl = "https://jira.lsstcorp.org/browse", PandaMonitorUrl = "https://bigmon.example.org" };

        var links = ReportFixtures.ReportBuilder(options: options).Build(CampaignBuilder.Standard().Build(), new ReportExtras(ReportFixtures.Window)).Links;

        Assert.Equal("https://jira.lsstcorp.org/browse/PREOPS-905", links.Jira!.AbsoluteUri);
        Assert.Equal("https://bigmon.example.org/tasks/?taskname=*PREOPS-905*&days=9", links.Panda!.AbsoluteUri);
    }

    [Fact]
    public void Build_NoCampaignWorkflows_GivesEmptyCountsAndZeroTotals()
    {
        var report = ReportFixtures.ReportBuilder().Build(new CampaignBuilder().Build());

        Assert.Empty(report.StatusCounts);
        Assert.Empty(report.TopTaskTypes);
        Assert.Equal("0", Assert.Single(report.Totals, t => t.Label == "Workflows").Value);
    }

    [Fact]
    public void ReportOptionsValidator_BadValues_NameEachKey()
    {
        var result = new ReportOptionsValidator().Validate(null, new ReportOptions { JiraBrowseUrl = "jira", PandaMonitorUrl = "ftp://x", TopTaskTypes = 0 });

        Assert.Equal(
        [
            "ProdStatus:Reports:JiraBrowseUrl must be an absolute http(s) URL (got 'jira')",
            "ProdStatus:Reports:PandaMonitorUrl must be an absolute http(s) URL (got 'ftp://x')",
            "ProdStatus:Reports:TopTaskTypes must be between 1 and 50 (got 0)",
        ], result.Failures);
    }
}
