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
    public const string CollectHugeVerb = "collect-huge-task";

    public static async Task<int> RunAsync(string[] args)
    {
        int tasks = BenchmarkArgs.Get(args, "--tasks", 2000);
        int latencyMs = BenchmarkArgs.Get(args, "--latency-ms", 50);
        int concurrency = BenchmarkArgs.Get(args, "--concurrency", 8);
        int hugeJobs = BenchmarkArgs.Get(args, "--huge-jobs", 1_000_000);
        if (args.Contains("--huge-only"))
        {
            return await HugeOnlyAsync(hugeJobs);
        }
        var p = new PandaStatParams("PREOPS-905", ["bench"], 0, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        var now = new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var scenario = SampleCampaign.Large(tasks, jobsPerTask: 20, now: now);

        // Warm-up (JIT, Kestrel, SQLite) so the timed runs measure the collection, not the first call.
        await RefreshesAsync(SampleCampaign.Large(50, 5, now), p, latencyMs, concurrency);
        var finished = await RefreshesAsync(scenario, p, latencyMs, concurrency);
        var running = await RefreshesAsync(Running(scenario, runningTasks: Math.Min(100, tasks)), p, latencyMs, concurrency);
        var sequential = await RefreshesAsync(scenario, p, latencyMs, 1);
        var cold = finished[0];
        double ideal = cold.Requests * latencyMs / 1000.0 / concurrency;
        double bound = (1.15 * ideal) + 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"panda: {tasks} tasks, latency {latencyMs} ms, concurrency {concurrency}"));
        Print("cold, finished campaign", cold);
        Print("warm, finished campaign", finished[1]);
        Print("warm, running campaign", running[1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cold {cold.Seconds:0.00} s; ideal {ideal:0.00} s; ratio {cold.Seconds / ideal:0.00}; bound 1.15 x ideal + 1 s = {bound:0.00} s ({(cold.Seconds <= bound ? "met" : "NOT met")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  one at a time {sequential[0].Seconds:0.00} s; speed-up {sequential[0].Seconds / cold.Seconds:0.0}x"));

        var huge = await HugeAnswerAsync(hugeJobs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {hugeJobs:N0}-job answer: {huge.Jobs:N0} finished jobs read in {huge.Seconds:0.0} s, peak RSS {huge.PeakRssMb:0} MB (goal <= 150 MB)"));
        return 0;
    }

    private static async Task<int> HugeOnlyAsync(int hugeJobs)
    {
        var huge = await HugeAnswerAsync(hugeJobs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {hugeJobs:N0}-job answer: {huge.Jobs:N0} finished jobs read in {huge.Seconds:0.0} s, peak RSS {huge.PeakRssMb:0} MB (goal <= 150 MB)"));
        return huge.PeakRssMb <= 150 ? 0 : 1;
    }

    private sealed record Refresh(double Seconds, long Requests, int Received, int Repeated, long Bytes);

    private static void Print(string name, Refresh r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name}: {r.Requests} requests printed, {r.Received} received by the monitor ({r.Repeated} asked twice), {r.Bytes / 1024.0:0} KiB, {r.Seconds:0.00} s"));

    /// <summary>A cold refresh on an empty store, then a warm one on the same store.</summary>
    private static async Task<Refresh[]> RefreshesAsync(PandaScenario scenario, PandaStatParams p, int latencyMs, int concurrency)
    {
        await using var monitor = new FakePandaMonitor(scenario) { Latency = TimeSpan.FromMilliseconds(latencyMs) };
        await monitor.StartAsync();
        using var host = new EngineTestHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Panda:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        });
        var runs = new Refresh[2];
        for (int i = 0; i < runs.Length; i++)
        {
            int before = monitor.RequestCount;
            long bytesBefore = monitor.BytesServed;
            var watch = Stopwatch.StartNew();
            var result = await host.Get<PandaStatService>().CollectAsync(p, cleanHistory: i == 0, progress: null);
            var targets = monitor.Requests.Skip(before).Select(r => r.PathAndQuery).ToList();
            runs[i] = new Refresh(watch.Elapsed.TotalSeconds, result.Requests, targets.Count, targets.Count - targets.Distinct().Count(),
                monitor.BytesServed - bytesBefore);
        }
        return runs;
    }

    /// <summary>The same campaign with its last workflow still running: its last <paramref name="runningTasks"/> tasks have not ended.</summary>
    private static PandaScenario Running(PandaScenario scenario, int runningTasks)
    {
        var last = scenario.Workflows[^1];
        var tasks = last.Tasks.Select((t, i) => i < last.Tasks.Count - runningTasks ? t : new ScenarioTask
        {
            JediTaskId = t.JediTaskId, RequestId = t.RequestId, TaskName = t.TaskName, Status = "running", CreatedAt = t.CreatedAt,
            Start = t.Start, End = null, NFiles = t.NFiles, NFilesFinished = t.NFilesFinished, NFilesFailed = t.NFilesFailed,
            Flavour = t.Flavour, JobCount = t.JobCount, Jobs = t.Jobs,
        }).ToList();
        var workflow = new ScenarioWorkflow
        {
            RequestId = last.RequestId, Name = last.Name, Status = "Running", CreatedAt = last.CreatedAt, Flavour = last.Flavour, Tasks = tasks,
        };
        return new PandaScenario { Workflows = [.. scenario.Workflows.Take(scenario.Workflows.Count - 1), workflow], Now = scenario.Now };
    }

    /// <summary>
    /// The server and the collector each run in a child process, so the peak RSS (VmHWM) measured is the collector's
    /// alone: measured in this process it would also count the fake monitors and stores of the scenarios above.
    /// </summary>
    private static async Task<(long Jobs, double Seconds, double PeakRssMb)> HugeAnswerAsync(int jobs)
    {
        using var server = Process.Start(Child(true, ServeHugeVerb, jobs.ToString(CultureInfo.InvariantCulture)))!;
        string port = (await server.StandardOutput.ReadLineAsync())?.Split(' ')[1] ?? throw new InvalidOperationException("the huge-answer server did not start");
        try
        {
            using var collector = Process.Start(Child(false, CollectHugeVerb, port))!;
            string[] output = (await collector.StandardOutput.ReadToEndAsync()).Trim().Split(' ');
            await collector.WaitForExitAsync();
            return (long.Parse(output[0], CultureInfo.InvariantCulture), double.Parse(output[1], CultureInfo.InvariantCulture),
                double.Parse(output[2], CultureInfo.InvariantCulture));
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }

    private static ProcessStartInfo Child(bool input, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = input };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PandaBenchmark).Assembly.Location); // run as `dotnet ProdStatus.Benchmarks.dll`
        }
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }

    /// <summary>The collector child: one cold get-panda-stat of the huge task; prints jobs, seconds and peak RSS in MB.</summary>
    public static async Task<int> CollectHugeAsync(string[] args)
    {
        var p = new PandaStatParams("PREOPS-905", ["huge"], 0, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        using var host = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = $"http://127.0.0.1:{args[0]}/" });
        var watch = Stopwatch.StartNew();
        var result = await host.Get<PandaStatService>().CollectAsync(p, cleanHistory: true, progress: null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Tasks.Sum(t => t.Jobs.JobsFinished)} {watch.Elapsed.TotalSeconds:0.000} {PeakRssMegabytes():0.0}"));
        return 0;
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

}
