using ProdStatus.Samples;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Cli.Tests;

public sealed class TimingCommandTests
{
    private static string Write(string root, string name, string content)
    {
        string path = Path.Combine(root, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task PrepThenPlot_RecordThenReplay_SameCsv_AndPlotsNextToIt()
    {
        var ct = TestContext.Current.CancellationToken;
        string root = CliRun.TempDir();
        string file = Write(root, "timing.yaml", SampleTiming.ParamFile);
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(ct);
        string live = Path.Combine(root, "live"), replayed = Path.Combine(root, "replayed"), recording = Path.Combine(root, "rec");

        var first = await CliRun.RunAsync(CliRun.Settings(root, monitor.BaseUri.ToString()), "prep-timing-data", file, "--out", live, "--record", recording);
        var second = await CliRun.RunAsync(CliRun.Settings(Path.Combine(root, "other")), "prep-timing-data", file, "--out", replayed, "--replay", recording);
        var plot = await CliRun.RunAsync(CliRun.Settings(root), "plot-data", file, "--out", replayed);

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, plot.ExitCode));
        Assert.Contains("makeWarp: 112 jobs", first.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(live, "panda_time_series_makeWarp.csv")), File.ReadAllText(Path.Combine(replayed, "panda_time_series_makeWarp.csv")));
        Assert.Equal(["timing-PREOPS-905.png", "timing_makeWarp.png", "timing_pipetaskInit.png", "timing_visit_detector_1.png"],
            Directory.GetFiles(replayed, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("visit_detector_1: 112 bins, peak 73.29 running quanta", plot.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepTimingData_MissingParamFile_ExitsWith2AndOneLine()
    {
        string root = CliRun.TempDir();
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root, "http://127.0.0.1:9/"), "prep-timing-data", Path.Combine(root, "nope.yaml"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(root, "nope.yaml")}: parameter file not found", error.Trim());
    }

    [Fact]
    public async Task PrepTimingData_BadField_NamesFileAndField()
    {
        string root = CliRun.TempDir();
        string file = Write(root, "timing.yaml", SampleTiming.ParamFile.Replace("bin_width: 900.", "bin_width: -5", StringComparison.Ordinal));
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root, "http://127.0.0.1:9/"), "prep-timing-data", file);
        Assert.Equal(2, code);
        Assert.Equal($"error: {file}: line 5: bin_width: must be more than 0 seconds (got -5)", error.Trim());
    }

    [Fact]
    public async Task PrepTimingData_ReplayFolderMissing_Exits2()
    {
        string root = CliRun.TempDir();
        string file = Write(root, "timing.yaml", SampleTiming.ParamFile);
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root), "prep-timing-data", file, "--replay", Path.Combine(root, "none"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(root, "none")}: replay folder not found", error.Trim());
    }

    [Fact]
    public async Task PlotData_WithoutPrep_NamesTheMissingCsv()
    {
        string root = CliRun.TempDir();
        string file = Write(root, "timing.yaml", SampleTiming.ParamFile);
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root), "plot-data", file, "--out", root);
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(root, "panda_time_series_pipetaskInit.csv")}: not found (run prep-timing-data with the same parameter file and --out first)",
            error.Trim());
        Assert.Empty(Directory.GetFiles(root, "*.png"));
    }

    [Fact]
    public async Task PlotData_TooManyBinsWithoutStopAt_NamesBinWidth()
    {
        string root = CliRun.TempDir();
        string file = Write(root, "timing.yaml", "Jira: X-1\ncollType: a\njob_names: [isr]\nbin_width: 1\nstart_date: '2022-01-01'\nstop_date: '2022-01-02'\n");
        Write(root, "panda_time_series_isr.csv", ",delta_time,durationsec,start_time,end_time\n0,0.0,1000000.0,1642641000.0,\n");
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root), "plot-data", file, "--out", root);
        Assert.Equal(2, code);
        Assert.Equal($"error: {file}: bin_width: 1 s makes more than 100000 bins up to the last job's end; set stop_at or a wider bin", error.Trim());
    }

    [Fact]
    public async Task PlotData_BadCsv_NamesFileAndLine()
    {
        string root = CliRun.TempDir();
        string file = Write(root, "timing.yaml", SampleTiming.ParamFile);
        string csv = Write(root, "panda_time_series_pipetaskInit.csv", "delta,duration\n1,2\n");
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root), "plot-data", file, "--out", root);
        Assert.Equal(2, code);
        Assert.Equal($"error: {csv}: line 1: expected the header ',delta_time,durationsec,start_time,end_time'", error.Trim());
    }
}
