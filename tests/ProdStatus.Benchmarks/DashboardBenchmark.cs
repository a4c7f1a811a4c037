using System.Diagnostics;
using System.Globalization;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Engine.Store;
using ProdStatus.Testing;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Benchmarks;

/// <summary>
/// <c>dashboard [--task-types N] [--jobs N] [--cycles N] [--no-cache]</c>: campaign page views as the bot serves them
/// (<see cref="CampaignPages"/>: store version, then the page from memory or built from a SQLite store with its four SVG
/// charts) for 200 task types and 20,000 jobs by default. Each cycle is what one watch interval brings: a refresh writes
/// the store (get-panda-stat every cycle, with growing figures for the running workflow's tasks; prep-timing-data's job times every
/// fourth, which is often: the bot itself never writes job times), then five views. The first view
/// after a write builds the page again ("after a refresh"), the others are served from memory ("cached"). Prints p50/p95
/// and CPU per view of each kind and of the mix. <c>--no-cache</c> (CachedCampaigns 0) builds every view from the store, for
/// comparison. Target: p95 of the mix ≤ 150 ms.
/// </summary>
internal static class DashboardBenchmark
{
    private const int ViewsPerCycle = 5;
    private const int TimingEvery = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        int taskTypes = BenchmarkArgs.Get(args, "--task-types", 200);
        int jobs = BenchmarkArgs.Get(args, "--jobs", 20_000);
        int cycles = BenchmarkArgs.Get(args, "--cycles", 40);
        bool noCache = args.Contains("--no-cache");
        using var host = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Dashboard:CachedCampaigns"] = noCache ? "0" : "20" });
        var stats = CampaignBuilder.Sized(steps: 4, taskTypes: taskTypes).Build();
        var panda = host.Get<PandaStatsRepository>();
        await panda.SaveAsync(stats.Jira, stats.Workflows, stats.Tasks);
        var times = host.Get<PandaJobTimesRepository>();
        int perTask = Math.Max(1, jobs / stats.Tasks.Count);
        foreach (var task in stats.Tasks)
        {
            await SaveJobsAsync(times, stats.Jira, task, perTask, 0);
        }
        var pages = host.Get<CampaignPages>();
        var renderer = host.Get<DashboardPageRenderer>();
        var options = new DashboardPageOptions(300, new DashboardRefreshForm("/campaigns/X/refresh", []), "/campaigns/fonts/");

        using var process = Process.GetCurrentProcess();
        var samples = new Dictionary<string, List<(double Ms, double CpuMs)>>(StringComparer.Ordinal)
        {
            ["after get-panda-stat"] = [], ["after prep-timing-data"] = [], ["cached"] = [],
        };
        string html = "";
        async Task<(double, double)> ViewAsync()
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            var page = (await pages.GetAsync(stats.Jira))!;
            html = renderer.Render(page.Dashboard, page.Sections, options);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            return (ms, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        var running = stats.Workflows.Where(w => !w.IsFinal).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        double first = (await ViewAsync()).Item1; // the process's first page: JIT, fonts, SQLite
        for (int cycle = 1; cycle <= cycles; cycle++)
        {
            // One refresh: get-panda-stat rewrites the workflows and the tasks of the running workflow, whose figures grow (so
            // the CPU-hours chart changes every time); every fourth cycle prep-timing-data adds a task's job times too.
            bool timing = cycle % TimingEvery == 0;
            if (timing)
            {
                var task = stats.Tasks[cycle % stats.Tasks.Count];
                await SaveJobsAsync(times, stats.Jira, task, perTask, cycle);
            }
            var now = CampaignBuilder.Now.AddMinutes(5 * cycle);
            await panda.SaveAsync(stats.Jira, stats.Workflows.Select(w => w with { RefreshedUtc = now }),
                stats.Tasks.Where(t => running.Contains(t.WorkflowKey)).Select(t => t with
                {
                    RefreshedUtc = now,
                    Jobs = t.Jobs with { JobsFinished = t.Jobs.JobsFinished + cycle, SumCpuSeconds = t.Jobs.SumCpuSeconds + (3600.0 * cycle) },
                }));
            samples[timing ? "after prep-timing-data" : "after get-panda-stat"].Add(await ViewAsync());
            for (int v = 1; v < ViewsPerCycle; v++)
            {
                samples["cached"].Add(await ViewAsync());
            }
        }

        var mix = samples.Values.SelectMany(s => s).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard: {taskTypes} task types, {stats.Tasks.Count} tasks, {perTask * stats.Tasks.Count} jobs, page {html.Length / 1024} KB; first view {first:0} ms; " +
            $"{cycles} refreshes (job times every {TimingEvery}th), {ViewsPerCycle} views after each{(noCache ? "; cache off" : "")}"));
        foreach (var (kind, list) in samples.Append(new("mix", mix)))
        {
            Console.WriteLine(Line(kind, list));
        }
        double p95 = Percentile([.. mix.Select(m => m.Ms)], 0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: p95 of the mix <= 150 ms: {(p95 <= 150 ? "met" : "NOT met")} ({p95:0} ms)"));
        return p95 <= 150 ? 0 : 1;
    }

    /// <summary>One task's jobs (one attempt in 25 failed), as prep-timing-data stores them; <paramref name="round"/> adds new attempts.</summary>
    private static Task SaveJobsAsync(PandaJobTimesRepository times, string jira, PandaTaskRecord task, int count, int round)
    {
        var start = task.StartUtc!.Value.AddMinutes(round * 7);
        long first = (task.JediTaskId * 1_000_000) + (round * (long)count);
        var list = Enumerable.Range(0, count).Select(i => new JobTime(first + i, task.JediTaskId, task.WorkflowKey, task.Label,
            i % 25 == 0 ? "failed" : "finished", 1 + (i % 3 == 0 ? 1 : 0), start.AddSeconds(i * 40), start.AddSeconds((i * 40) + 600 + (i % 7 * 60)))).ToList();
        return times.SaveTaskAsync(jira, new TimingTaskRecord(task.JediTaskId, task.WorkflowKey, task.Label, task.TaskName, task.Status,
            task.RefreshedUtc.AddMinutes(round)), list);
    }

    private static string Line(string kind, List<(double Ms, double CpuMs)> list)
    {
        if (list.Count == 0)
        {
            return $"  {kind}: no views";
        }
        double[] ms = [.. list.Select(s => s.Ms)];
        return string.Create(CultureInfo.InvariantCulture,
            $"  {kind,-24} {list.Count,4} views: p50 {Percentile(ms, 0.5):0.0} ms, p95 {Percentile(ms, 0.95):0.0} ms, max {ms.Max():0.0} ms, CPU {list.Average(s => s.CpuMs):0.0} ms/view");
    }

    private static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

}
