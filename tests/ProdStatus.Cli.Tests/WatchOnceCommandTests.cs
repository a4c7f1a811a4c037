using ProdStatus.Samples;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Watch;

namespace ProdStatus.Cli.Tests;

/// <summary><c>prodstat watch-once</c>: alerts printed and exit 4, nothing new and exit 0, state kept in --state.</summary>
public sealed class WatchOnceCommandTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 21, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstPollWithFailures_PrintsTheAlertAndExits4_SecondPollIsQuiet_ThenTheStateChangeIsReported()
    {
        await using var monitor = new FakePandaMonitor(WatchScenario.Campaign(T0, "Transforming", ("makeWarp", "running", 40, 5, JobFailure.PipelineNew)));
        await monitor.StartAsync(Ct);
        string root = CliRun.TempDir();
        string paramFile = Path.Combine(root, "params.yaml");
        await File.WriteAllTextAsync(paramFile, SampleCampaign.ParamFile, Ct);
        string state = Path.Combine(root, "state");
        var settings = CliRun.Settings(root, monitor.BaseUri.ToString());

        var first = await CliRun.RunAsync(settings, "watch-once", paramFile, "--state", state);
        var second = await CliRun.RunAsync(settings, "watch-once", paramFile, "--state", state);
        monitor.Replace(WatchScenario.Campaign(T0, "SubFinished", ("makeWarp", "finished", 40, 5, JobFailure.PipelineNew)));
        var third = await CliRun.RunAsync(settings, "watch-once", paramFile, "--state", state);

        Assert.Equal(4, first.ExitCode);
        Assert.Equal(":warning: PREOPS-905: 20220121T031850Z_makeWarp_701 failure rate 11.1% (5 of 45 jobs finally failed; threshold 5%)", first.Out.Trim());
        Assert.Contains("PREOPS-905: 1 alert(s); 40 jobs finished", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("", second.Out);
        Assert.Equal(4, third.ExitCode);
        Assert.Contains("workflow 20220121T031850Z went from Transforming to SubFinished", third.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(state, "prodstat.db")));
    }

    [Fact]
    public async Task MissingParamFile_Exits2WithOneLine()
    {
        string root = CliRun.TempDir();
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root, "http://127.0.0.1:9/"), "watch-once", Path.Combine(root, "nope.yaml"));

        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(root, "nope.yaml")}: parameter file not found", error.Trim());
    }
}
