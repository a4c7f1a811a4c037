using System.Diagnostics;
using System.Globalization;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Watch;
using ProdStatus.Samples;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Benchmarks;

/// <summary>
/// One watch poll of a finished campaign of 2,000 tasks after the first poll has stored it: the requests it costs
/// and how long it takes (median of several), against a fake monitor with fixed latency.
/// </summary>
internal static class WatchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int tasks = BenchmarkArgs.Get(args, "--tasks", 2000);
        int latencyMs = BenchmarkArgs.Get(args, "--latency-ms", 50);
        int polls = BenchmarkArgs.Get(args, "--polls", 10);
        var now = new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var p = new PandaStatParams("PREOPS-905", ["bench"], 0, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        var thresholds = new WatchThresholds(TimeSpan.FromMinutes(15), 5, TimeSpan.FromHours(3), 20, false);

        await using var monitor = new FakePandaMonitor(SampleCampaign.Large(tasks, jobsPerTask: 20, now)) { Latency = TimeSpan.FromMilliseconds(latencyMs) };
        await monitor.StartAsync();
        using var host = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString() });
        var engine = host.Get<WatchEngine>();
        var watch = Stopwatch.StartNew();
        var first = await engine.PollAsync(p, thresholds);
        double firstSeconds = watch.Elapsed.TotalSeconds;

        var times = new List<double>();
        long requests = 0;
        for (int i = 0; i < polls; i++)
        {
            watch.Restart();
            var poll = await engine.PollAsync(p, thresholds);
            times.Add(watch.Elapsed.TotalMilliseconds);
            requests = poll.Requests;
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watch: finished campaign of {tasks} tasks, monitor latency {latencyMs} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first poll (reads everything): {first.Requests} requests, {firstSeconds:0.00} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  later polls: {requests} request(s) each; median {times[times.Count / 2]:0} ms, max {times[^1]:0} ms over {polls} polls"));
        return 0;
    }

}
