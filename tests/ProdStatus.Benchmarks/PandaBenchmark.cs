using System.Diagnostics;
using System.Globalization;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Samples;
using ProdStatus.Engine.Params;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Benchmarks;

/// <summary>
/// get-panda-stat against a fake monitor with fixed latency: parallel vs. the ideal (requests × latency ÷ concurrency)
/// and vs. one request at a time; then peak RSS while reading one 1,000,000-job answer served by a child process.
/// </summary>
internal static class PandaBenchmark
{
    public const string ServeHugeVerb = "serve-huge-task";

    public static async Task<int> RunAsync(string[] args)
    {
        int tasks = Arg(args, "--tasks", 2000);
        int latencyMs = Arg(args, "--latency-ms", 50);
        int concurrency = Arg(args, "--concurrency", 16);
        int hugeJobs = Arg(args, "--huge-jobs", 1_000_000);
        var p = new PandaStatParams("PREOPS-905", ["bench"], 0, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        var scenario = SampleCampaign.Large(tasks, jobsPerTask: 20, now: new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero));

        // Warm-up (JIT, Kestrel, SQLite) so the timed runs measure the collection, not the first call.
        await TimeCollectionAsync(SampleCampaign.Large(50, 5, scenario.Now), p, latencyMs, concurrency);
        var parallel = await TimeCollectionAsync(scenario, p, latencyMs, concurrency);
        var sequential = await TimeCollectionAsync(scenario, p, latencyMs, 1);
        double ideal = parallel.Requests * latencyMs / 1000.0 / concurrency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"panda: {tasks} tasks, {parallel.Requests} requests, latency {latencyMs} ms, concurrency {concurrency}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  parallel {parallel.Seconds:0.00} s; ideal {ideal:0.00} s; ratio to ideal {parallel.Seconds / ideal:0.00} (goal <= 1.3)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  one at a time {sequential.Seconds:0.00} s; speed-up {sequential.Seconds / parallel.Seconds:0.0}x (goal >= 10)"));

        var huge = await HugeAnswerAsync(hugeJobs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {hugeJobs:N0}-job answer: {huge.Jobs:N0} finished jobs read in {huge.Seconds:0.0} s, peak RSS {huge.PeakRssMb:0} MB (goal <= 200 MB)"));
        return 0;
    }

    private static async Task<(double Seconds, long Requests)> TimeCollectionAsync(PandaScenario scenario, PandaStatParams p, int latencyMs, int concurrency)
    {
        await using var monitor = new FakePandaMonitor(scenario) { Latency = TimeSpan.FromMilliseconds(latencyMs) };
        await monitor.StartAsync();
        using var host = new EngineTestHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Panda:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        });
        var watch = Stopwatch.StartNew();
        var result = await host.Get<PandaStatService>().CollectAsync(p, cleanHistory: true, progress: null);
        return (watch.Elapsed.TotalSeconds, result.Requests);
    }

    /// <summary>The server runs in a child process so the peak RSS measured here is the collector's alone.</summary>
    private static async Task<(long Jobs, double Seconds, double PeakRssMb)> HugeAnswerAsync(int jobs)
    {
        using var server = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
        {
            ArgumentList = { ServeHugeVerb, jobs.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        })!;
        string? port = (await server.StandardOutput.ReadLineAsync())?.Split(' ')[1];
        try
        {
            var p = new PandaStatParams("PREOPS-905", ["huge"], 0, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
            using var host = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = $"http://127.0.0.1:{port}/" });
            var watch = Stopwatch.StartNew();
            var result = await host.Get<PandaStatService>().CollectAsync(p, cleanHistory: true, progress: null);
            return (result.Tasks.Sum(t => t.Jobs.JobsFinished), watch.Elapsed.TotalSeconds, PeakRssMegabytes());
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }

    public static async Task<int> ServeHugeAsync(string[] args)
    {
        int jobs = int.Parse(args[0], CultureInfo.InvariantCulture);
        await using var monitor = new FakePandaMonitor(SampleCampaign.HugeTask(jobs, new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        await monitor.StartAsync();
        Console.WriteLine($"PORT {monitor.BaseUri.Port}");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static double PeakRssMegabytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
