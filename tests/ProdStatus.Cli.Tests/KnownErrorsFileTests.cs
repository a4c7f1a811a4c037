using ProdStatus.Samples;

namespace ProdStatus.Cli.Tests;

/// <summary>ProdStatus:Errors:KnownErrorsFile problems stop get-panda-stat at once with one line naming the file or key.</summary>
public sealed class KnownErrorsFileTests
{
    [Fact]
    public async Task MissingFile_NamesTheKey()
    {
        string root = CliRun.TempDir();
        string paramFile = Path.Combine(root, "params.yaml");
        await File.WriteAllTextAsync(paramFile, SampleCampaign.ParamFile, TestContext.Current.CancellationToken);
        var settings = CliRun.Settings(root, "http://127.0.0.1:9/");
        settings["ProdStatus:Errors:KnownErrorsFile"] = Path.Combine(root, "nope.yaml");

        var (code, _, error) = await CliRun.RunAsync(settings, "get-panda-stat", paramFile);

        Assert.Equal(2, code);
        Assert.Equal($"error: configuration: ProdStatus:Errors:KnownErrorsFile '{Path.Combine(root, "nope.yaml")}' does not exist", error.Trim());
    }

    [Fact]
    public async Task BadEntry_NamesTheFileAndEntry_BeforeAnyRequest()
    {
        string root = CliRun.TempDir();
        string paramFile = Path.Combine(root, "params.yaml");
        string known = Path.Combine(root, "known.yaml");
        await File.WriteAllTextAsync(paramFile, SampleCampaign.ParamFile, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(known, "pandaErrorCode:\n  pilot 1305:\n    a:\n      diagMessage: x\n", TestContext.Current.CancellationToken);
        var settings = CliRun.Settings(root, "http://127.0.0.1:9/");
        settings["ProdStatus:Errors:KnownErrorsFile"] = known;

        var (code, _, error) = await CliRun.RunAsync(settings, "get-panda-stat", paramFile);

        Assert.Equal(2, code);
        Assert.Equal($"error: {known}: pandaErrorCode key 'pilot 1305' is not '<source>, <code>' (e.g. 'pilot, 1305')", error.Trim());
    }
}
