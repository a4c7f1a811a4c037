using Microsoft.Data.Sqlite;
using ProdStatus.Cli;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;
using Xunit;

namespace ProdStatus.Cli.Tests.Butler;

/// <summary>get-butler-stat through the real command line: exit codes and one-line errors naming file and field.</summary>
public sealed class GetButlerStatCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prodstat-cli-butler-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task Run_SampleRepository_WritesTheTableAndExitsZero()
    {
        string yaml = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "repo"), RegistryGeneration.SynthIntKey,
            cancellationToken: TestContext.Current.CancellationToken);
        string param = Param(SampleButlerRepository.ParamFile(yaml));

        int code = await RunAsync("get-butler-stat", param, "--out", Path.Combine(_folder, "out"));

        Assert.Equal(0, code);
        Assert.Contains("read now: 80 of 80 quanta", _out.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "butlerStat-PREOPS-905.png")));
        Assert.Contains("step1/w_2022_05", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingParamFile_ExitsTwoWithOneLine()
    {
        string path = Path.Combine(_folder, "nope.yaml");

        int code = await RunAsync("get-butler-stat", path);

        Assert.Equal(2, code);
        Assert.Equal($"error: {path}: parameter file not found", SingleErrorLine());
    }

    [Fact]
    public async Task Run_ParamFileWithoutButler_NamesTheField()
    {
        string param = Param("Jira: PREOPS-905\ncollTypes: [2.2i]\nstart_date: '2022-01-15'\nstop_date: '2022-02-01'\n");

        int code = await RunAsync("get-butler-stat", param);

        Assert.Equal(2, code);
        Assert.Equal($"error: {param}: Butler: is required and must be a non-empty string", SingleErrorLine());
    }

    [Fact]
    public async Task Run_ButlerFolderWithoutButlerYaml_NamesTheField()
    {
        string param = Param(SampleButlerRepository.ParamFile(Path.Combine(_folder, "empty")));

        int code = await RunAsync("get-butler-stat", param);

        Assert.Equal(2, code);
        Assert.Equal($"error: {param}: Butler: no butler.yaml at '{Path.Combine(_folder, "empty", "butler.yaml")}'", SingleErrorLine());
    }

    [Fact]
    public async Task Run_UnknownRegistryVersion_NamesTheAttribute()
    {
        string yaml = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "repo"), RegistryGeneration.SynthIntKey,
            cancellationToken: TestContext.Current.CancellationToken);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "repo", "gen3.sqlite3")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE butler_attributes SET value = '9.0.0' WHERE name LIKE 'version:%ByDimensions%'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        int code = await RunAsync("get-butler-stat", Param(SampleButlerRepository.ParamFile(yaml)));

        Assert.Equal(2, code);
        Assert.Matches("^error: .*butler.yaml: butler_attributes 'version:lsst.daf.butler.registry.datasets.byDimensions.*' = '9.0.0' is not a supported",
            SingleErrorLine());
    }

    [Fact]
    public async Task Run_RegistryMissingATable_ExitsThreeWithOneLine()
    {
        string yaml = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "repo"), RegistryGeneration.NameKey2022,
            cancellationToken: TestContext.Current.CancellationToken);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "repo", "gen3.sqlite3")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE dataset_type";
            command.ExecuteNonQuery();
        }

        int code = await RunAsync("get-butler-stat", Param(SampleButlerRepository.ParamFile(yaml)));

        Assert.Equal(3, code);
        Assert.Equal("error: Butler registry: SQLite Error 1: 'no such table: dataset_type'.", SingleErrorLine());
    }

    [Fact]
    public async Task Run_BadConcurrencySetting_NamesTheConfigurationKey()
    {
        int code = await RunAsync(new Dictionary<string, string?> { ["ProdStatus:Butler:MaxConcurrency"] = "0" },
            "get-butler-stat", Param(SampleButlerRepository.ParamFile(_folder)));

        Assert.Equal(2, code);
        Assert.Equal("error: configuration: ProdStatus:Butler:MaxConcurrency must be between 1 and 256 (got 0)", SingleErrorLine());
    }

    private string Param(string text)
    {
        string path = Path.Combine(_folder, $"param-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(null, args);

    private Task<int> RunAsync(Dictionary<string, string?>? settings, params string[] args)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(_folder, "store.db")}",
            ["ProdStatus:Output:DataDir"] = Path.Combine(_folder, "data"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }
        return CliApplication.RunAsync(args, new CliEnvironment { Out = _out, Error = _error, ConfigurationOverrides = overrides });
    }

    /// <summary>Exactly one error line and no stack trace (warnings may come before it).</summary>
    private string SingleErrorLine()
    {
        string[] lines = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        return Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal)).TrimEnd('\r');
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
