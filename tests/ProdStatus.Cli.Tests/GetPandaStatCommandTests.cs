using ProdStatus.Samples;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Cli.Tests;

public sealed class GetPandaStatCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string WriteParams(string root, string content = SampleCampaign.ParamFile)
    {
        string path = Path.Combine(root, "params.yaml");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task MissingParamFile_ExitsWith2AndOneLine()
    {
        string root = CliRun.TempDir();
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root, "http://127.0.0.1:9/"), "get-panda-stat", Path.Combine(root, "nope.yaml"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(root, "nope.yaml")}: parameter file not found", error.Trim());
    }

    [Fact]
    public async Task BadField_NamesFileAndField()
    {
        string root = CliRun.TempDir();
        string file = WriteParams(root, "Jira: PREOPS-905\ncollTypes: [2.2i]\nstart_date: 2022-01-01\nstop_date: yesterday\n");
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root, "http://127.0.0.1:9/"), "get-panda-stat", file);
        Assert.Equal(2, code);
        Assert.Equal($"error: {file}: line 4: stop_date: must be a date YYYY-MM-DD (got 'yesterday')", error.Trim());
    }

    [Fact]
    public async Task InvalidConfiguration_NamesTheKey()
    {
        string root = CliRun.TempDir();
        var settings = CliRun.Settings(root, "http://127.0.0.1:9/");
        settings["ProdStatus:Panda:MaxConcurrency"] = "0";
        var (code, _, error) = await CliRun.RunAsync(settings, "get-panda-stat", WriteParams(root));
        Assert.Equal(2, code);
        Assert.Equal("error: configuration: ProdStatus:Panda:MaxConcurrency must be between 1 and 64 (got 0)", error.Trim());
    }

    [Fact]
    public async Task MissingBaseUrl_SaysWhichKey()
    {
        string root = CliRun.TempDir();
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root), "get-panda-stat", WriteParams(root));
        Assert.Equal(2, code);
        Assert.Contains("ProdStatus:Panda:BaseUrl is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableMonitor_Exits3_AndWritesNoFiles()
    {
        string root = CliRun.TempDir();
        int port;
        await using (var gone = new FakePandaMonitor(SampleCampaign.Create()))
        {
            await gone.StartAsync(Ct);
            port = gone.BaseUri.Port;
        }
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root, $"http://127.0.0.1:{port}/"), "get-panda-stat", WriteParams(root));
        Assert.Equal(3, code);
        Assert.StartsWith("error: PanDA monitor: cannot reach", error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "data")) && Directory.EnumerateFiles(Path.Combine(root, "data"), "panda*").Any());
    }

    [Fact]
    public async Task RecordThenReplay_GivesTheSameTables_WithoutTheMonitor()
    {
        string root = CliRun.TempDir();
        string file = WriteParams(root);
        string recording = Path.Combine(root, "rec");
        await using (var monitor = new FakePandaMonitor(SampleCampaign.Create()))
        {
            await monitor.StartAsync(Ct);
            var recorded = await CliRun.RunAsync(CliRun.Settings(root, monitor.BaseUri.ToString()), "get-panda-stat", file, "--record", recording, "--out", Path.Combine(root, "a"));
            Assert.Equal(0, recorded.ExitCode);
        }

        var replayRoot = CliRun.TempDir();
        var replayed = await CliRun.RunAsync(CliRun.Settings(replayRoot), "get-panda-stat", file, "--replay", recording, "--out", Path.Combine(root, "b"));

        Assert.Equal(0, replayed.ExitCode);
        foreach (string name in new[] { "pandaStat-PREOPS-905.csv", "pandaWfStat-PREOPS-905.csv", "pandaStat-PREOPS-905.txt" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(root, "a", name)), File.ReadAllText(Path.Combine(root, "b", name)));
        }
        Assert.Contains("16 monitor requests", replayed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAndReplayTogether_IsAnError()
    {
        string root = CliRun.TempDir();
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(root), "get-panda-stat", WriteParams(root), "--record", "a", "--replay", "b");
        Assert.NotEqual(0, code);
        Assert.Contains("--record and --replay cannot be used together", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanHistoryAcceptsTheOriginalSpelling()
    {
        string root = CliRun.TempDir();
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        var (code, output, _) = await CliRun.RunAsync(CliRun.Settings(root, monitor.BaseUri.ToString()), "get-panda-stat", WriteParams(root), "--clean_history", "True");
        Assert.Equal(0, code);
        Assert.Contains("13 tasks read from PanDA", output, StringComparison.Ordinal);
    }
}
