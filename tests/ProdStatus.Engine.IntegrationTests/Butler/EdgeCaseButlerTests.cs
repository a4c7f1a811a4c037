using Microsoft.Data.Sqlite;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Configuration;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Testing.Butler;
using Xunit;
using E = ProdStatus.Testing.Butler.EdgeCaseRepository.Expected;

namespace ProdStatus.Engine.IntegrationTests.Butler;

/// <summary>Missing files, corrupt documents, NaN, non-UTF-8, zip members, absolute URIs, provenance, chains, tags, odd names.</summary>
public sealed class EdgeCaseButlerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prodstat-edge-").FullName;

    [Theory]
    [InlineData(RegistryGeneration.SynthIntKey)]
    [InlineData(RegistryGeneration.NameKey2022)]
    public async Task Collect_EdgeCases_CountsEveryKindAndNeverCrashes(RegistryGeneration generation)
    {
        string yaml = await WriteSqliteAsync(generation);
        await using var host = new ButlerTestHost(_folder);

        var result = await host.CollectAsync(EdgeCaseRepository.ParamFile(yaml));

        AssertEdgeCases(result);
        Assert.Contains(host.Warnings, w => w.Contains("no metadata", StringComparison.Ordinal) && w.Contains("noquantum.json", StringComparison.Ordinal));
        Assert.Contains(host.Warnings, w => w.Contains("missing.json (isr {instrument: LSSTCam-imSim, detector: ", StringComparison.Ordinal));
        Assert.Contains(host.Warnings, w => w.Contains("truncated.json", StringComparison.Ordinal) && w.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(host.Warnings, w => w.Contains(EdgeCaseRepository.NoTimestampRun, StringComparison.Ordinal));
    }

    /// <summary>Shared by the SQLite, PostgreSQL and S3 variants: the same repository must give the same numbers.</summary>
    internal static void AssertEdgeCases(ButlerStatResult result)
    {
        Assert.Equal(3, result.RunsSelected); // two edge runs and the odd-named one; not the CHAINED look-alike
        Assert.Equal([EdgeCaseRepository.NoTimestampRun], result.SkippedNames);
        var isr = result.Rows.Single(r => r.Row == "20220125T000000Z_isr");
        Assert.Equal(E.IsrRun1Registered, isr.Quanta);
        Assert.Equal(E.IsrRun1Read, isr.Read);
        Assert.Equal(E.IsrRun1NoFile, isr.NoFile);
        Assert.Equal(E.IsrRun1Unreadable, isr.Unreadable);
        Assert.Equal(E.IsrRun1NoMetadata, isr.NoMetadata);
        Assert.Equal(E.IsrRun1Provenance, isr.Provenance);
        // read: cpu 40, 50 (NaN endCpuTime → task run* keys: 50 − 0.02), 25 (KiB yaml), 20 (zip), 10 (absolute), 30 (v0 yaml)
        Assert.Equal(40 + 49.98 + 25 + 20 + 10 + 30, isr.CpuMean!.Value * isr.Read, 6);
        Assert.Equal((40 + 50 + 25 + 20 + 10 + 30) * 1.25, isr.WallMean!.Value * isr.Read, 6);
        Assert.Equal(EdgeCaseRepository.HugeRssBytes / (1024.0 * 1024 * 1024), isr.MaxRssGb!.Value, 6);
        var coe = result.Rows.Single(r => r.Row == "20220125T000000Z_compute_object_epochs");
        Assert.Equal(2, coe.Read);
        Assert.Equal(7, coe.CpuMax!.Value, 6);
        Assert.Contains(result.Rows, r => r.Row == "20220126T000000Z_isr" && r.Read == 1);
        Assert.Contains(result.Rows, r => r.Row == "20220126T000000Z_makeSummary" && r.Read == 1 && r.WallMean == 0 && r.CpuMean == 0);
        Assert.Contains(result.Rows, r => r.Row == "20220125T120000Z_isr" && r.Read == 1);
        Assert.DoesNotContain(result.Rows, r => r.Row.Contains("gatherResourceUsage", StringComparison.Ordinal) || r.Row.Contains("config", StringComparison.Ordinal));
        Assert.Equal(E.IsrRun1Registered + 2 + 1 + 1 + 1, result.Campaign.Quanta);
    }

    [Theory]
    [InlineData(RegistryGeneration.SynthIntKey)]
    [InlineData(RegistryGeneration.NameKey2022)]
    public async Task Read_FirstDataset_HasDataIdPathAndUtcIngestDate(RegistryGeneration generation) =>
        await AssertFirstDatasetAsync(Path.Combine(await WriteSqliteAsync(generation), "butler.yaml"), new ButlerOptions());

    /// <summary>TIMESTAMP (2022) and TAI nanoseconds (current) ingest dates both come back as the same UTC instant.</summary>
    internal static async Task AssertFirstDatasetAsync(string butlerYaml, ButlerOptions options)
    {
        var ct = TestContext.Current.CancellationToken;
        var config = ButlerRepositoryConfig.Parse(butlerYaml, await File.ReadAllTextAsync(butlerYaml, ct));
        await using var registry = await ButlerRegistry.OpenAsync(config, options, ct);
        var run = (await registry.GetCollectionsAsync(ct)).Single(c => c.Name == EdgeCaseRepository.Run1);
        var isr = (await registry.GetMetadataTypesAsync(ct)).Single(t => t.Label == "isr");

        await using var datasets = registry.ReadAsync(run.Key, isr, ct).GetAsyncEnumerator(ct);
        Assert.True(await datasets.MoveNextAsync());

        var first = datasets.Current;
        Assert.Equal("isr/good.json", first.Path);
        Assert.Equal(new DateTimeOffset(2022, 1, 25, 1, 1, 0, TimeSpan.Zero), first.IngestUtc);
        Assert.Equal(["detector=1", "exposure=1401", "instrument=LSSTCam-imSim"],
            first.DataId.Select(kv => $"{kv.Key}={kv.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Collect_MaxTask_SamplesEachLabelSeparately()
    {
        string yaml = await WriteSqliteAsync(RegistryGeneration.SynthIntKey);
        await using var host = new ButlerTestHost(_folder);

        var result = await host.CollectAsync(EdgeCaseRepository.ParamFile(yaml, maxTask: 1));

        var isr = result.Rows.Single(r => r.Row == "20220125T000000Z_isr");
        Assert.Equal(E.IsrRun1Registered, isr.Quanta);
        Assert.Equal(1, isr.Read);
        Assert.Equal(1, result.Rows.Single(r => r.Row == "20220125T000000Z_compute_object_epochs").Read);
        // Known without reading: no record, component-only record; the missing file is not discovered when not read.
        Assert.Equal(40 / 3600.0 * (E.IsrRun1Registered - 2), isr.CpuHours, 6);
    }

    private async Task<string> WriteSqliteAsync(RegistryGeneration generation)
    {
        var ct = TestContext.Current.CancellationToken;
        string repo = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(repo);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(repo, "gen3.sqlite3")};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            var writer = new ButlerRegistryWriter(connection, generation, postgres: false);
            await EdgeCaseRepository.WriteAsync(writer, generation, "file://" + repo, async (path, bytes, token) =>
            {
                string file = Path.Combine(repo, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllBytesAsync(file, bytes, token);
            }, ct);
        }
        string yaml = Path.Combine(repo, "butler.yaml");
        await File.WriteAllTextAsync(yaml, SampleButlerRepository.ButlerYaml("sqlite:///<butlerRoot>/gen3.sqlite3", "file://<butlerRoot>"), ct);
        return repo; // the folder: butler.yaml is found inside it
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
