using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.IntegrationTests.Butler;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Engine.Store;
using ProdStatus.Testing;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Engine.IntegrationTests.Dashboard;

/// <summary>The dashboard's page cache: served from memory while the store is unchanged, built again after any write of
/// the campaign's data (also by another process on the same store), identical to a fresh page, and bounded.</summary>
public sealed partial class CampaignPagesTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DashboardPageOptions Options = new(300, null, "/campaigns/fonts/");

    private static EngineTestHost Host(FakeTimeProvider time, string? store = null, int cached = 20) => new(
        new Dictionary<string, string?>
        {
            ["ProdStatus:Dashboard:CachedCampaigns"] = cached.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ProdStatus:Store:ConnectionString"] = store,
        }.Where(kv => kv.Value is not null).ToDictionary(),
        services => services.AddSingleton<TimeProvider>(time));

    private static async Task<PandaStatResult> SaveAsync(EngineTestHost host, PandaStatResult stats, int jobsPerTask = 4)
    {
        await host.Get<PandaStatsRepository>().SaveAsync(stats.Jira, stats.Workflows, stats.Tasks, Ct);
        await SaveJobsAsync(host, stats, stats.Tasks[0], jobsPerTask, 1);
        return stats;
    }

    private static Task SaveJobsAsync(EngineTestHost host, PandaStatResult stats, Domain.Panda.PandaTaskRecord task, int jobs, long firstId)
    {
        var start = task.StartUtc ?? CampaignBuilder.Now.AddDays(-2);
        var list = Enumerable.Range(0, jobs).Select(i => new JobTime(firstId + i, task.JediTaskId, task.WorkflowKey, task.Label, "finished", 1,
            start.AddMinutes(i), start.AddMinutes(i + 30))).ToList();
        return host.Get<PandaJobTimesRepository>().SaveTaskAsync(stats.Jira,
            new TimingTaskRecord(task.JediTaskId, task.WorkflowKey, task.Label, task.TaskName, task.Status, task.RefreshedUtc), list, Ct);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AView_IsServedFromMemoryUntilARefreshWrites_ThenShowsTheNewData(string provider)
    {
        var (host, time) = await postgres.StoreHostAsync(provider, Ct);
        using var _ = host;
        var pages = host.Get<CampaignPages>();
        var stats = await SaveAsync(host, CampaignBuilder.Standard().Build());

        var first = (await pages.GetAsync(stats.Jira, Ct))!;
        time.Advance(TimeSpan.FromMinutes(1));
        var second = (await pages.GetAsync(stats.Jira.ToLowerInvariant(), Ct))!;
        Assert.Same(first.Sections, second.Sections);
        Assert.Equal(time.GetUtcNow(), second.Dashboard.GeneratedUtc);
        Assert.Equal(4, second.Dashboard.Progress.JobsFinished);

        // get-panda-stat writes new task figures: a workflow finished, a task failed more jobs.
        var task = stats.Tasks[^1];
        var refreshed = stats with
        {
            Workflows = [.. stats.Workflows.Select(w => w.Key == task.WorkflowKey ? w with { Status = "Finished" } : w)],
            Tasks = [task with { Jobs = task.Jobs with { JobsFailed = task.Jobs.JobsFailed + 7 } }],
        };
        await host.Get<PandaStatsRepository>().SaveAsync(stats.Jira, refreshed.Workflows, refreshed.Tasks, Ct);
        var third = (await pages.GetAsync(stats.Jira, Ct))!;
        Assert.NotSame(second.Sections, third.Sections);
        Assert.Equal(Figure(second, "Jobs failed") + 7, Figure(third, "Jobs failed"));
        Assert.DoesNotContain(third.Dashboard.StatusCounts, s => s.Status == "Transforming");
        // Job times were not written: the job charts are the drawings already made (same clip-path ids), the failures are drawn again.
        Assert.Equal(Chart(second, "chart-progress"), Chart(third, "chart-progress"));
        Assert.Equal(Chart(second, "chart-running"), Chart(third, "chart-running"));
        Assert.NotEqual(Chart(second, "chart-failures"), Chart(third, "chart-failures"));

        // prep-timing-data writes more job times.
        await SaveJobsAsync(host, stats, stats.Tasks[1], 5, 100);
        var fourth = (await pages.GetAsync(stats.Jira, Ct))!;
        Assert.Equal(9, fourth.Dashboard.Progress.JobsFinished);
        Assert.Contains("9 jobs finished", fourth.Sections, StringComparison.Ordinal);
        Assert.NotEqual(Chart(third, "chart-progress"), Chart(fourth, "chart-progress"));
    }

    [Fact]
    public async Task AWriteByAnotherProcessOnTheSameStore_IsSeenByTheNextView()
    {
        var time = new FakeTimeProvider(CampaignBuilder.Now.AddHours(1));
        using var bot = Host(time);
        var stats = await SaveAsync(bot, CampaignBuilder.Standard().Build());
        var pages = bot.Get<CampaignPages>();
        var before = (await pages.GetAsync(stats.Jira, Ct))!;

        using (var cli = Host(time, $"Data Source={Path.Combine(bot.Root, "store.db")}"))
        {
            await SaveJobsAsync(cli, stats, stats.Tasks[2], 3, 500);
        }
        var after = (await pages.GetAsync(stats.Jira, Ct))!;

        Assert.Equal(before.Dashboard.Progress.JobsFinished + 3, after.Dashboard.Progress.JobsFinished);
    }

    [Fact]
    public async Task APageFromMemory_IsTheSamePageAsAFreshlyBuiltOne()
    {
        var time = new FakeTimeProvider(CampaignBuilder.Now.AddHours(1));
        using var host = Host(time);
        var stats = await SaveAsync(host, CampaignBuilder.Sized(steps: 3, taskTypes: 12).Build(), jobsPerTask: 40);
        var pages = host.Get<CampaignPages>();
        var renderer = host.Get<DashboardPageRenderer>();
        await pages.GetAsync(stats.Jira, Ct);
        // A get-panda-stat refresh: the next page reuses the job-time summary and the job charts.
        await host.Get<PandaStatsRepository>().SaveAsync(stats.Jira, [.. stats.Workflows.Select(w => w with { RefreshedUtc = time.GetUtcNow() })],
            [.. stats.Tasks.Take(3).Select(t => t with { RefreshedUtc = time.GetUtcNow(), Jobs = t.Jobs with { JobsFinished = t.Jobs.JobsFinished + 1 } })], Ct);
        await pages.GetAsync(stats.Jira, Ct);

        time.Advance(TimeSpan.FromMinutes(5));
        var kept = (await pages.GetAsync(stats.Jira, Ct))!;
        var fresh = (await host.Get<CampaignDashboardBuilder>().BuildAsync(stats.Jira, Ct))!;

        // ScottPlot numbers its clip paths process-wide (cl_1, …, cl_a, …): every drawing of a chart differs there only.
        Assert.Equal(ClipIds().Replace(renderer.Render(fresh, Options), "cl_N"), ClipIds().Replace(renderer.Render(kept.Dashboard, kept.Sections, Options), "cl_N"));
    }

    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipIds();

    [Fact]
    public async Task TheCache_KeepsAtMostCachedCampaigns_LeastRecentlyViewedDroppedFirst()
    {
        var time = new FakeTimeProvider(CampaignBuilder.Now.AddHours(1));
        using var host = Host(time, cached: 2);
        var pages = host.Get<CampaignPages>();
        string[] issues = ["PREOPS-1", "PREOPS-2", "PREOPS-3"];
        foreach (string issue in issues)
        {
            await SaveAsync(host, new CampaignBuilder(issue).Workflow("Finished", "isr").Build());
        }

        var a = (await pages.GetAsync(issues[0], Ct))!;
        var b = (await pages.GetAsync(issues[1], Ct))!;
        await pages.GetAsync(issues[0], Ct); // a is now the most recent
        await pages.GetAsync(issues[2], Ct); // drops b

        Assert.Equal(2, pages.Count);
        Assert.Same(a.Sections, (await pages.GetAsync(issues[0], Ct))!.Sections);
        Assert.NotSame(b.Sections, (await pages.GetAsync(issues[1], Ct))!.Sections);
        Assert.Equal(2, pages.Count);
        Assert.Null(await pages.GetAsync("PREOPS-404", Ct));
    }

    /// <summary>The chart's drawing: its SVG after the title and description (which always say the current figures).</summary>
    private static string Chart(CampaignPage page, string id) =>
        Regex.Match(page.Sections, $"<svg [^>]*id=\"{id}\">.*?</desc>(.*?)</svg>", RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value : throw new InvalidOperationException(id);

    private static long Figure(CampaignPage page, string label) => long.Parse(page.Dashboard.Totals.Single(t => t.Label == label).Value,
        System.Globalization.CultureInfo.InvariantCulture);
}
