using System.Text.RegularExpressions;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Failures;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Engine.Tests.Render.Dashboard;

public sealed partial class DashboardPageRendererTests
{
    private static CampaignDashboard Sample(string extraLabel = "isr")
    {
        var stats = new CampaignBuilder().Workflow("SubFinished", [extraLabel, "calibrate"], failedJobs: 2).Workflow("Transforming", "makeWarp").Build();
        stats = stats with
        {
            Failures =
            [
                new TaskTypeFailure($"{stats.Tasks[0].WorkflowKey}_{extraLabel}", FailureCause.OutOfMemory, "trans 137", "oom-isr", ["DM-37089", "PREOPS-1"],
                    false, 3, 1, 0.25, 4242, "Transform received signal SIGKILL <b>"),
                new TaskTypeFailure($"{stats.Tasks[0].WorkflowKey}_calibrate", FailureCause.Unknown, "pilot 1999", null, [], false, 1, 1, 0.1, 77, "odd"),
            ],
        };
        var report = ReportFixtures.ReportBuilder().Build(stats);
        var start = new DateTimeOffset(2022, 1, 27, 21, 0, 0, TimeSpan.Zero);
        var jobs = Enumerable.Range(0, 50).Select(i => new StoredJobTime(
            new JobTime(i, 1000, stats.Workflows[0].Key, i % 2 == 0 ? extraLabel : "calibrate", i % 10 == 0 ? "failed" : "finished", 1,
                start.AddMinutes(i), start.AddMinutes(i + 30)), CampaignBuilder.Now)).ToList();
        return DashboardAssembly.Assemble(report, stats, jobs, [], CampaignBuilder.Now, ReportFixtures.PandaUrl);
    }

    private static DashboardPageRenderer Renderer() => new(new DashboardCharts(ReportFixtures.Fonts()));

    [Fact]
    public void Render_HasEveryChartWithTitleAndDescription()
    {
        string html = Renderer().Render(Sample(), DashboardPageOptions.Static);

        foreach (string id in new[] { "chart-progress", "chart-running", "chart-failures", "chart-cpu" })
        {
            var svg = Regex.Match(html, $"<svg [^>]*id=\"{id}\">(.*?)</svg>", RegexOptions.Singleline);
            Assert.True(svg.Success, id);
            Assert.Contains($"<title id=\"{id}-title\">", svg.Value, StringComparison.Ordinal);
            Assert.Contains($"<desc id=\"{id}-desc\">", svg.Value, StringComparison.Ordinal);
            Assert.Contains("<path", svg.Value, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">CPU-hours</th>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://panda.example.org/task/1000/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://rubinobs.atlassian.net/browse/PREOPS-905\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsFailureCausesByTaskType_WithTheirLinks()
    {
        var d = Sample();
        string html = Renderer().Render(d, DashboardPageOptions.Static);

        var table = Regex.Match(html, "<table id=\"table-failure-causes\" data-table=\"pandaErrors\"><caption>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success);
        Assert.StartsWith("PanDA failures by cause PREOPS-905", table.Groups[1].Value, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(table.Value, "<tr><th scope=\"row\">").Count);
        Assert.Contains("<th scope=\"col\">failed attempts</th>", table.Value, StringComparison.Ordinal);
        Assert.Contains("<td>out of memory</td><td>oom-isr</td><td><a href=\"https://rubinobs.atlassian.net/browse/DM-37089\">DM-37089</a> " +
            "<a href=\"https://rubinobs.atlassian.net/browse/PREOPS-1\">PREOPS-1</a></td><td class=\"num\">3</td><td class=\"num\">1</td>" +
            "<td class=\"num\">25.0</td><td class=\"num\"><a href=\"https://panda.example.org/job/4242/\">4242</a></td>" +
            "<td class=\"msg\">Transform received signal SIGKILL &lt;b&gt;</td>", table.Value, StringComparison.Ordinal);
        Assert.Contains("<td>unknown (pilot 1999)</td><td></td><td></td>", table.Value, StringComparison.Ordinal);
        Assert.Equal("https://panda.example.org/job/77/", d.FailureCauses[1].ExampleUrl);
        Assert.Equal(25.0, d.FailureCauses[0].SharePercent, 9);
    }

    [Fact]
    public void Render_WhenServed_ReloadsAndPostsTheSignedLink()
    {
        var form = new DashboardRefreshForm("/campaigns/PREOPS-905/refresh", [new("exp", "123"), new("sig", "a&b")]);
        string html = Renderer().Render(Sample(), new DashboardPageOptions(300, form, "/campaigns/fonts/"));

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"300\">", html, StringComparison.Ordinal);
        Assert.Contains("<form class=\"refresh\" method=\"post\" action=\"/campaigns/PREOPS-905/refresh\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"sig\" value=\"a&amp;b\">", html, StringComparison.Ordinal);
        Assert.Contains("url(\"/campaigns/fonts/DejaVuSans.ttf\")", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EncodesNamesFromPanDA()
    {
        string html = Renderer().Render(Sample("<img src=x onerror=alert(1)>"), DashboardPageOptions.Static);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutJobTimes_SaysSoInsteadOfEmptyCharts()
    {
        var stats = new CampaignBuilder().Workflow("Finished", "isr").Build();
        var d = DashboardAssembly.Assemble(ReportFixtures.ReportBuilder().Build(stats), stats, [], [], CampaignBuilder.Now, null);
        string html = Renderer().Render(d, DashboardPageOptions.Static);

        Assert.DoesNotContain("id=\"chart-progress\"", html, StringComparison.Ordinal);
        Assert.Contains("No job end times in the store yet", html, StringComparison.Ordinal);
        Assert.Contains("No failed jobs.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("table-failure-causes", html, StringComparison.Ordinal);
        Assert.Contains("No failed attempts classified.", html, StringComparison.Ordinal);
    }
}
