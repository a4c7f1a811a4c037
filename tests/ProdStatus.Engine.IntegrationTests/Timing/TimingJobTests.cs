using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Samples;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Engine.IntegrationTests.Timing;

public sealed class TimingJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TimingParams Params(string yaml) => TimingParams.Read(ParamFile.Parse("timing.yaml", new StringReader(yaml)));

    private static async Task<FakePandaMonitor> StartAsync(PandaScenario scenario)
    {
        var monitor = new FakePandaMonitor(scenario);
        await monitor.StartAsync(Ct);
        return monitor;
    }

    private static EngineTestHost Host(FakePandaMonitor monitor, TimeProvider? time = null) =>
        new(new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString() },
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            });

    [Fact]
    public async Task PrepAsync_SampleCampaign_ReadsBothResponseShapes_EveryAttemptOfExactlyMatchingTasks()
    {
        await using var monitor = await StartAsync(SampleCampaign.Create());
        using var host = Host(monitor);
        var p = Params(SampleTiming.ParamFile);

        var result = await host.Get<TimingJob>().PrepAsync(p, Path.Combine(host.Root, "out"), null, Ct);

        // Independent count: every started attempt of the in-window tasks carrying the label (2022 and current names).
        var scenario = SampleCampaign.Create();
        int Expected(string label) => scenario.Workflows.Take(2).SelectMany(w => w.Tasks)
            .Where(t => t.TaskName.Contains($"Z_{label}_", StringComparison.Ordinal) || t.TaskName.Contains($"_{label}_01_", StringComparison.Ordinal) || t.TaskName.Contains($"_{label}_02_", StringComparison.Ordinal))
            .SelectMany(t => t.Jobs()).Count(j => j.Start is not null);
        Assert.Equal(new Dictionary<string, int> { ["pipetaskInit"] = 2, ["visit_detector_1"] = 300, ["makeWarp"] = 112 }, result.JobsPerName);
        Assert.All(p.JobNames, name => Assert.Equal(Expected(name), result.JobsPerName[name]));
        Assert.Equal(["20220120T012920Z", "20220121T031850Z"], result.Collected.WorkflowKeys.Order(StringComparer.Ordinal));
        // Reference = first quantum start (the monitor sends whole seconds), not the workflow's creation (01:33:10).
        var firstStart = scenario.Workflows[0].Tasks.Where(t => t.TaskName.Contains("pipetaskInit", StringComparison.Ordinal)).SelectMany(t => t.Jobs()).Min(j => j.Start)!.Value;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(firstStart.ToUnixTimeSeconds()), result.Reference);
        var rows = TimingSeriesCsv.Read(Path.Combine(host.Root, "out", "panda_time_series_pipetaskInit.csv"));
        Assert.Equal(0, rows[0].DeltaSeconds);
        Assert.Equal(result.Reference!.Value.ToUnixTimeSeconds(), rows[0].ReferenceEpoch);
    }

    [Fact]
    public async Task PrepAsync_IncrementalRun_PicksUpLateStartingAndStillRunningJobs_AndNeverRereadsFinalTasks()
    {
        var timing = new TimingScenario();
        await using var monitor = await StartAsync(timing.Scenario);
        var clock = new FakeTimeProvider(TimingScenario.T0.AddMinutes(40));
        using var host = Host(monitor, clock);
        var job = host.Get<TimingJob>();
        var p = Params(TimingScenario.ParamFile);
        string csv = Path.Combine(host.Root, "out", "panda_time_series_isr.csv");

        var first = await job.PrepAsync(p, Path.Combine(host.Root, "out"), null, Ct);

        // isr only: visit_isr (a substring match) and pipetaskInit are not counted.
        Assert.Equal(1, first.Collected.TasksMatched);
        Assert.Equal(
            ",delta_time,durationsec,start_time,end_time\n" +
            "0,0.0,1200.0,1642641000.0,1642642200.0\n" +
            "1,600.0,1200.0,1642641000.0,\n", File.ReadAllText(csv)); // job 102 still running: counted up to the read (T0+40 min)

        timing.SetPhase(later: true);
        clock.Advance(TimeSpan.FromHours(3));
        var second = await job.PrepAsync(p, Path.Combine(host.Root, "out"), null, Ct);

        Assert.Equal(
            ",delta_time,durationsec,start_time,end_time\n" +
            "0,0.0,1200.0,1642641000.0,1642642200.0\n" +
            "1,600.0,2400.0,1642641000.0,1642644000.0\n" +
            "2,6600.0,1800.0,1642641000.0,1642649400.0\n", File.ReadAllText(csv));
        Assert.Equal((1, 3L), (second.Collected.TasksRead, second.Collected.Requests));

        var third = await job.PrepAsync(p, Path.Combine(host.Root, "out"), null, Ct);
        Assert.Equal((0, 2L), (third.Collected.TasksRead, third.Collected.Requests)); // wfprogress + one task list, no jobs call
        Assert.DoesNotContain(monitor.Requests.Skip(6), r => r.PathAndQuery.StartsWith("/jobs", StringComparison.Ordinal));
        Assert.All(monitor.Requests.Where(r => r.PathAndQuery.StartsWith("/jobs", StringComparison.Ordinal)),
            r => Assert.Contains("&mode=nodrop&limit=1030&", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrepAsync_ServerErrorsAndBrokenBodies_AreAskedAgain_SameResult()
    {
        await using var monitor = await StartAsync(SampleCampaign.Create());
        monitor.FailNext("/jobs", 2, 500);
        monitor.TruncateNext("/jobs", 2);
        using var host = Host(monitor);
        await using var clean = await StartAsync(SampleCampaign.Create());
        using var reference = Host(clean);
        var p = Params(SampleTiming.ParamFile);

        var flaky = await host.Get<TimingJob>().PrepAsync(p, Path.Combine(host.Root, "out"), null, Ct);
        var expected = await reference.Get<TimingJob>().PrepAsync(p, Path.Combine(reference.Root, "out"), null, Ct);

        Assert.Equal(expected.JobsPerName, flaky.JobsPerName);
        Assert.Equal(expected.Collected.Requests + 4, flaky.Collected.Requests);
        Assert.Equal(File.ReadAllText(Path.Combine(reference.Root, "out", "panda_time_series_makeWarp.csv")),
            File.ReadAllText(Path.Combine(host.Root, "out", "panda_time_series_makeWarp.csv")));
    }

    [Fact]
    public async Task RunAsync_SampleCampaign_PlotsMatchTheGoldenSeries()
    {
        await using var monitor = await StartAsync(SampleCampaign.Create());
        using var host = Host(monitor);
        string outDir = Path.Combine(host.Root, "out");

        var (_, plots) = await host.Get<TimingJob>().RunAsync(Params(SampleTiming.ParamFile), outDir, null, Ct);

        Assert.Equal(["timing-PREOPS-905.png", "timing_makeWarp.png", "timing_pipetaskInit.png", "timing_visit_detector_1.png"],
            plots.Files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string file in plots.Files)
        {
            byte[] png = File.ReadAllBytes(file);
            Assert.True(png.Length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"{file} is not a drawn PNG");
        }
        string actual = Series(plots);
        string golden = Path.Combine(AppContext.BaseDirectory, "Timing", "sample-timing-series.golden.txt");
        if (actual != File.ReadAllText(golden))
        {
            File.WriteAllText(golden + ".actual", actual);
            Assert.Fail($"plot series differ from {golden}; actual written next to it (.actual)");
        }
    }

    /// <summary>What the plots show: per job name, each bin's start hour and value (only bins that are not 0).</summary>
    private static string Series(TimingPlotResult plots)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"reference {plots.Reference:yyyy-MM-ddTHH:mm:ssZ}\n");
        foreach (var curve in plots.Curves)
        {
            text.Append(CultureInfo.InvariantCulture, $"{curve.JobName}: {curve.Series.Values.Count} bins to {curve.Series.EndHours:0.######} h\n");
            for (int i = 0; i < curve.Series.Values.Count; i++)
            {
                if (curve.Series.Values[i] != 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {curve.Series.BinStartHours[i]:0.######}\t{curve.Series.Values[i]:0.######}\n");
                }
            }
        }
        return text.ToString();
    }
}
