using System.Drawing;
using OpenQA.Selenium;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Testing.Dashboard;

namespace ProdStatus.Bot.BrowserTests;

/// <summary>The campaign page in a real Chromium: it loads without console errors, its charts are drawn, its numbers are
/// get-panda-stat's, its links go to PanDA and Jira, bad links get 403, and it reads at desktop and phone widths.</summary>
public sealed class DashboardPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Jira = SampleCampaignStore.Jira;
    private static readonly string[] ChartIds = ["chart-progress", "chart-running", "chart-failures", "chart-cpu"];

    private Chromium Browser => fixture.Browser;

    private void Open(Uri url)
    {
        Browser.ConsoleEntries(); // drop what earlier pages logged
        Browser.Driver.Navigate().GoToUrl(url);
    }

    [Fact]
    public void PageLoads_WithEveryChartDrawnAndNoConsoleErrors()
    {
        Open(fixture.Site.Link(Jira));

        Assert.Equal(200, Browser.Status());
        Assert.Equal($"{Jira} campaign dashboard", Browser.Driver.Title);
        foreach (string id in ChartIds)
        {
            var svg = Browser.Driver.FindElement(By.Id(id));
            Assert.True(svg.Displayed, id);
            Assert.True(svg.Size.Width > 300 && svg.Size.Height > 100, $"{id} is {svg.Size}");
            long shapes = Browser.Script<long>("return arguments[0].querySelectorAll('path, text').length;", svg);
            Assert.True(shapes > 10, $"{id} has {shapes} shapes");
            Assert.NotEmpty(Browser.Script<string>("return arguments[0].querySelector('title').textContent;", svg));
        }
        var errors = Browser.ConsoleEntries().Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Empty(errors);
        Assert.Equal(0L, Browser.Script<long>("return document.querySelectorAll('th:not([scope])').length;"));
        Assert.Equal(0L, Browser.Script<long>("return document.querySelectorAll('script, link[rel=stylesheet], img').length;"));
    }

    [Fact]
    public void Numbers_EqualTheGetPandaStatCsv()
    {
        Open(fixture.Site.Link(Jira));
        var csv = Csv.Read(Path.Combine(fixture.Site.Outputs, $"pandaStat-{Jira}.csv"));
        var page = Browser.Script<IReadOnlyCollection<object>>(
            "return [...document.querySelectorAll('#table-tasktypes tr')].map(r => [...r.children].map(c => c.textContent));")
            .Select(r => ((IReadOnlyCollection<object>)r).Select(c => (string)c).ToList()).ToList();

        Assert.Equal(csv.Count, page.Count);
        for (int i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i], page[i]);
        }
        var campaign = csv[^1];
        Assert.Equal("Campaign", campaign[0]);
        var totals = Browser.Script<IReadOnlyDictionary<string, object>>(
            "return Object.fromEntries([...document.querySelectorAll('dl.totals div')].map(d => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]));");
        Assert.Equal(campaign[csv[0].IndexOf("quanta")], totals["Quanta"]);
        Assert.Equal(campaign[csv[0].IndexOf("CPU-hours")], totals["CPU-hours"]);
        Assert.Equal(campaign[csv[0].IndexOf("jobs failed")], totals["Jobs failed"]);
        Assert.Equal(campaign[csv[0].IndexOf("wall clock")], totals["Wall clock"]);

        var workflows = Csv.Read(Path.Combine(fixture.Site.Outputs, $"pandaWfStat-{Jira}.csv"));
        var rows = Browser.Script<IReadOnlyCollection<object>>(
            "return [...document.querySelectorAll('#table-workflows tbody tr')].map(r => [...r.children].map(c => c.textContent));")
            .Select(r => ((IReadOnlyCollection<object>)r).Select(c => (string)c).ToList()).ToList();
        Assert.Equal(workflows.Count - 1, rows.Count);
        for (int i = 1; i < workflows.Count; i++)
        {
            string Col(string header) => workflows[i][workflows[0].IndexOf(header)];
            Assert.Equal([Col("workflow"), Col("status"), Col("tasks"), Col("tasks finished"), Col("tasks failed"), Col("tasks subfinished"), Col("processed"), Col("files")],
                rows[i - 1].Take(8));
        }
    }

    [Fact]
    public void FailureCauses_EqualThePandaErrorsCsv()
    {
        Open(fixture.Site.Link(Jira));
        var csv = Csv.Read(Path.Combine(fixture.Site.Outputs, $"pandaErrors-{Jira}.csv"));
        var page = Rows("#table-failure-causes tr");

        // The sample campaign has failures of several causes, some known (with tickets), some new.
        Assert.True(csv.Count > 3, $"pandaErrors has {csv.Count - 1} rows");
        Assert.Equal(csv.Count, page.Count);
        for (int i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i], page[i]);
        }
        Assert.NotEmpty(Browser.Driver.FindElement(By.CssSelector("#table-failure-causes caption")).Text);
        int attempts = csv[0].IndexOf("failed attempts");
        Assert.Equal(csv.Skip(1).Sum(r => long.Parse(r[attempts], System.Globalization.CultureInfo.InvariantCulture)),
            Browser.Script<long>($"return [...document.querySelectorAll('#table-failure-causes tbody tr')].reduce((n, r) => n + Number(r.children[{attempts}].textContent), 0);"));
        // Each example job links to its page on the PanDA monitor.
        var examples = Browser.Driver.FindElements(By.CssSelector("#table-failure-causes tbody a"))
            .Select(a => (Href: a.GetAttribute("href")!, Text: a.GetAttribute("textContent")!))
            .Where(a => a.Href.StartsWith(DashboardSite.PandaMonitor, StringComparison.Ordinal)).ToList();
        Assert.Equal(csv.Count - 1, examples.Count);
        Assert.All(examples, a => Assert.Equal($"{DashboardSite.PandaMonitor}job/{a.Text}/", a.Href));
    }

    private List<List<string>> Rows(string selector) => Browser.Script<IReadOnlyCollection<object>>(
            $"return [...document.querySelectorAll('{selector}')].map(r => [...r.children].map(c => c.textContent));")
        .Select(r => ((IReadOnlyCollection<object>)r).Select(c => (string)c).ToList()).ToList();

    [Fact]
    public void Links_PointToThePandaMonitorAndJira()
    {
        Open(fixture.Site.Link(Jira));
        var hrefs = Browser.Driver.FindElements(By.CssSelector("a[href]")).Select(a => a.GetAttribute("href")!).ToList();

        var tasks = Browser.Driver.FindElements(By.CssSelector("table.tasks a")).Select(a => (Href: a.GetAttribute("href")!, Id: a.GetAttribute("textContent")!)).ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal($"{DashboardSite.PandaMonitor}task/{t.Id}/", t.Href));
        Assert.Contains($"{DashboardSite.JiraBrowse}{Jira}", hrefs);
        Assert.Contains(hrefs, h => h.StartsWith($"{DashboardSite.PandaMonitor}tasks/?taskname=*{Jira}*", StringComparison.Ordinal));
        Assert.All(hrefs, h => Assert.True(h.StartsWith(DashboardSite.PandaMonitor, StringComparison.Ordinal) || h.StartsWith(DashboardSite.JiraBrowse, StringComparison.Ordinal), h));
    }

    [Fact]
    public void TamperedAndExpiredLinks_Show403AndNoData()
    {
        string good = fixture.Site.Link(Jira).AbsoluteUri;
        string expiredQuery = DashboardLinks.Query(DashboardSite.LinkKey, Jira, TimeProvider.System.GetUtcNow().AddMinutes(-1));
        Uri[] bad =
        [
            new(good.Replace("sig=", "sig=x", StringComparison.Ordinal)),
            new(fixture.Site.BaseUri, $"campaigns/{Jira}?{expiredQuery}"),
            new(fixture.Site.BaseUri, "campaigns/PREOPS-910" + new Uri(good).Query),
        ];
        foreach (var url in bad)
        {
            Open(url);
            Assert.Equal(403, Browser.Status());
            Assert.Equal("Access denied", Browser.Driver.FindElement(By.TagName("h1")).Text);
            Assert.Empty(Browser.Driver.FindElements(By.TagName("svg")));
            Assert.Empty(Browser.Driver.FindElements(By.TagName("table")));
            // The console does report errors (the check in PageLoads_… can fail): Chromium logs the 403.
            Assert.Contains(Browser.ConsoleEntries(), e => e.Level == LogLevel.Severe && e.Message.Contains("403", StringComparison.Ordinal));
        }
        Assert.Contains("has expired", BodyOf(new Uri(fixture.Site.BaseUri, $"campaigns/{Jira}?{expiredQuery}")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public void Page_FitsTheWidth_AndIsSavedAsAScreenshot(int width)
    {
        Browser.Driver.Manage().Window.Size = new Size(width, 900);
        Open(fixture.Site.Link(Jira));

        // The page itself never scrolls sideways; wide tables scroll inside their own box.
        long scrollWidth = Browser.Script<long>("return document.documentElement.scrollWidth;");
        long clientWidth = Browser.Script<long>("return document.documentElement.clientWidth;");
        Assert.True(scrollWidth <= clientWidth, $"page is {scrollWidth} px wide in a {clientWidth} px window");
        foreach (var box in Browser.Driver.FindElements(By.CssSelector(".chart-box")))
        {
            Assert.True(box.Size.Width <= clientWidth, $"chart box {box.Size.Width} px");
        }
        // Chart labels stay legible: a chart is never drawn narrower than 600 px (on a phone its box scrolls).
        Assert.All(ChartIds, id => Assert.True(Browser.Driver.FindElement(By.Id(id)).Size.Width >= Math.Min(600, clientWidth - 40), id));
        long height = Browser.Script<long>("return document.documentElement.scrollHeight;");
        Browser.Driver.Manage().Window.Size = new Size(width, (int)Math.Min(height + 100, 16_000));
        Directory.CreateDirectory(BrowserFixture.ScreenshotDir);
        string path = Path.Combine(BrowserFixture.ScreenshotDir, $"dashboard-{width}.png");
        Browser.Driver.GetScreenshot().SaveAsFile(path);
        Assert.True(new FileInfo(path).Length > 10_000);
        Browser.Driver.Manage().Window.Size = new Size(1280, 900);
    }

    private string BodyOf(Uri url)
    {
        Open(url);
        return Browser.Driver.FindElement(By.TagName("body")).Text;
    }
}
