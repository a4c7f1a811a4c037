using System.Text.RegularExpressions;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Engine.Tests.Render.Dashboard;

public sealed partial class DashboardPageRendererTests
{
    private static CampaignDashboard Sample(string extraLabel = "isr")
    {
        var stats = new CampaignBuilder().Workflow("SubFinished", [extraLabel, "calibrate"], failedJobs: 2).Workflow("Transforming", "makeWarp").Build();
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
    }
}
