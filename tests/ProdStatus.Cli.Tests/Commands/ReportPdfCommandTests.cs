using ProdStatus.Engine.Errors;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Cli.Tests.Commands;

public sealed class ReportPdfCommandTests : IAsyncLifetime
{
    private readonly PandaMonitorStub _panda = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("prodstat-report-pdf-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public ValueTask InitializeAsync() => new(_panda.StartAsync(TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        await _panda.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ReportPdf_CampaignOnTheMonitor_WritesThePdfWithItsFigures()
    {
        string pdf = Path.Combine(_dir, "out", "summary.pdf");

        int exit = await RunAsync("report-pdf", ParamFile(), "--out", pdf);

        Assert.True(exit == ExitCodes.Success, _error.ToString());
        Assert.StartsWith("PREOPS-905: 2 workflows (1 SubFinished, 1 Finished); PDF summary (", _out.ToString());
        Assert.EndsWith($"KB): {pdf}", _out.ToString().Trim());
        string text = await Poppler.ExtractTextAsync(await File.ReadAllBytesAsync(pdf, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.Contains("Campaign summary PREOPS-905", text);
        Assert.Contains("Data window 2022-01-27 to 2022-01-28", text);
        Assert.Contains("SubFinished", text);
        Assert.Contains("20220127T205646Z_isr_4001", text);
        Assert.Contains("page 1 of", text);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(pdf)!, "*.tmp"));
    }

    [Fact]
    public async Task ReportPdf_Replay_RendersFromRecordedAnswersWithoutTheMonitor()
    {
        string recorded = Path.Combine(_dir, "recorded");
        Assert.Equal(ExitCodes.Success, await RunAsync("get-panda-stat", ParamFile(), "--record", recorded, "--out", Path.Combine(_dir, "tables")));
        int live = _panda.RequestCount;
        string pdf = Path.Combine(_dir, "replayed.pdf");

        // A fresh store and an unreachable monitor: every answer has to come from the recording.
        int exit = await RunAsync(["report-pdf", ParamFile(), "--replay", recorded, "--out", pdf], "http://127.0.0.1:9/", "data-replay");

        Assert.True(exit == ExitCodes.Success, _error.ToString());
        Assert.Equal(live, _panda.RequestCount);
        string text = await Poppler.ExtractTextAsync(await File.ReadAllBytesAsync(pdf, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.Contains("20220127T225646Z_makeWarp_4002", text);
    }

    [Fact]
    public async Task ReportPdf_MissingParamFile_FailsWithOneLineNamingTheFile()
    {
        string missing = Path.Combine(_dir, "nope.yaml");

        int exit = await RunAsync("report-pdf", missing);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal($"error: {missing}: parameter file not found", _error.ToString().Trim());
    }

    [Fact]
    public async Task ReportPdf_OutIsADirectory_FailsBeforeCollecting()
    {
        int exit = await RunAsync("report-pdf", ParamFile(), "--out", _dir);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("is a directory; give the PDF file name", _error.ToString());
        Assert.Equal(0, _panda.RequestCount);
    }

    [Fact]
    public async Task ReportPdf_ReplayFolderMissing_FailsNamingIt()
    {
        int exit = await RunAsync("report-pdf", ParamFile(), "--replay", Path.Combine(_dir, "none"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.EndsWith("none: replay folder not found", _error.ToString().Trim());
    }

    private string ParamFile()
    {
        string path = Path.Combine(_dir, "params.yaml");
        File.WriteAllText(path, "Jira: PREOPS-905\ncollTypes: [step1, step2]\nmaxtask: 0\nstart_date: '2022-01-27'\nstop_date: '2022-01-28'\n");
        return path;
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(args, _panda.BaseUri.AbsoluteUri, "data");

    private Task<int> RunAsync(string[] args, string pandaUrl, string dataDir) => CliApplication.RunAsync(args, new CliEnvironment
    {
        Out = _out,
        Error = _error,
        ConfigurationOverrides = new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = pandaUrl,
            ["ProdStatus:Panda:Token"] = "test-token",
            ["ProdStatus:Output:DataDir"] = Path.Combine(_dir, dataDir),
        },
    });
}
