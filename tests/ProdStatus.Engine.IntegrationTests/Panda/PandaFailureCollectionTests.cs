using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Failures;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Samples;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Engine.IntegrationTests.Panda;

/// <summary>get-panda-stat collects failed and cancelled jobs with their error fields and labels them with causes and known errors.</summary>
public sealed class PandaFailureCollectionTests
{
    private static readonly PandaStatParams Params = PandaStatParams.Read(ParamFile.Parse("params.yaml", new StringReader(SampleCampaign.ParamFile)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EngineTestHost Host(FakePandaMonitor monitor)
    {
        string known = Path.Combine(Directory.CreateTempSubdirectory("prodstat-known-").FullName, "known-errors.yaml");
        File.WriteAllText(known, SampleCampaign.KnownErrorsYaml());
        return new EngineTestHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Errors:KnownErrorsFile"] = known,
        });
    }

    [Fact]
    public async Task CollectAsync_SampleCampaign_EveryFailedAttemptHasACause_KnownOnesCarryTheirTickets()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        using var host = Host(monitor);

        var result = await host.Get<PandaStatService>().CollectAsync(Params, cleanHistory: false, progress: null, Ct);

        var scenarioJobs = SampleCampaign.Create().Workflows.Take(2).SelectMany(w => w.Tasks).SelectMany(t => t.Jobs()).ToList();
        Assert.Equal(scenarioJobs.Count(j => j.Status == "failed"), result.FailureRows.Sum(r => r.Attempts));
        Assert.Equal(result.Tasks.Sum(t => t.Jobs.JobsFailed), result.FailureRows.Sum(r => r.Attempts));

        // compute_object_epochs fails every quantum three times with a traceback nobody has filed: new, pipeline, the exception line.
        var epochs = Assert.Single(result.FailureRows, r => r.TaskType.Contains("compute_object_epochs", StringComparison.Ordinal) && r.TaskType.StartsWith("20220121", StringComparison.Ordinal));
        Assert.Equal((FailureCause.Pipeline, "new", 45L, 15L, "KeyError: 'coord_ra'"), (epochs.Cause, epochs.KnownLabel, epochs.Attempts, epochs.FinalFailures, epochs.ExampleMessage));
        Assert.Equal(1.0, epochs.Share, 3);

        // consolidateVisitSummary's final failures are a known calibrate error; retried attempts fail for transient causes.
        var consolidate = result.FailureRows.Where(r => r.TaskType == "20220121T031850Z_consolidateVisitSummary_701").ToList();
        Assert.Contains(consolidate, r => r.Cause == FailureCause.Pipeline && r.KnownLabel == "known (DM-37089)" && r.FinalFailures > 0);
        Assert.Contains(result.FailureRows, r => r.Cause == FailureCause.Site && r.KnownName == "resource_temporarily_unavailable");

        // Every simulated failure kind lands in its cause, attempt for attempt.
        var expected = scenarioJobs.Where(j => j.Status == "failed").GroupBy(j => CauseOf(j.Failure)).ToDictionary(g => g.Key, g => (long)g.Count());
        var actual = result.FailureRows.GroupBy(r => r.Cause).ToDictionary(g => g.Key, g => g.Sum(r => r.Attempts));
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
    }

    private static FailureCause CauseOf(JobFailure failure) => failure switch
    {
        JobFailure.PipelineKnown or JobFailure.PipelineNew => FailureCause.Pipeline,
        JobFailure.OutOfMemory => FailureCause.OutOfMemory,
        JobFailure.Preempted => FailureCause.Preempted,
        JobFailure.LostHeartbeat or JobFailure.SiteResource => FailureCause.Site,
        JobFailure.StageIn => FailureCause.StageInOut,
        JobFailure.WallTime => FailureCause.WallTime,
        _ => FailureCause.Unknown,
    };

    [Fact]
    public async Task SecondRun_ReusesStoredFailures_WithOneRequest()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        using var host = Host(monitor);
        var first = await host.Get<PandaStatService>().CollectAsync(Params, cleanHistory: false, progress: null, Ct);

        var second = await host.Get<PandaStatService>().CollectAsync(Params, cleanHistory: false, progress: null, Ct);

        Assert.Equal(1, second.Requests);
        Assert.Equal(first.FailureTable.Rows.Select(r => string.Join('|', r.Cells)), second.FailureTable.Rows.Select(r => string.Join('|', r.Cells)));
    }

    [Fact]
    public async Task PandaStatJob_WritesPandaErrorsCsvTxtHtml()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        using var host = Host(monitor);
        string outDir = Path.Combine(host.Root, "out");

        var result = await host.Get<PandaStatJob>().RunAsync(Params, cleanHistory: false, outDir, progress: null, Ct);

        Assert.Equal(["pandaErrors-PREOPS-905.csv", "pandaErrors-PREOPS-905.html", "pandaErrors-PREOPS-905.txt"],
            result.Files.Select(Path.GetFileName).Where(f => f!.StartsWith("pandaErrors", StringComparison.Ordinal)).Order());
        string csv = File.ReadAllText(Path.Combine(outDir, "pandaErrors-PREOPS-905.csv"));
        Assert.StartsWith("task type,cause,known error,tickets,failed attempts,jobs finally failed,share of attempts %,example pandaid,example message", csv, StringComparison.Ordinal);
        Assert.Contains("calibrate_nan_to_int,DM-37089", csv, StringComparison.Ordinal);
        Assert.Contains("||task type||cause||known error||", File.ReadAllText(Path.Combine(outDir, "pandaErrors-PREOPS-905.txt")), StringComparison.Ordinal);
    }
}
