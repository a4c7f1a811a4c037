using Xunit;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Engine.IntegrationTests.Butler;

/// <summary>get-butler-stat against generated SQLite registries of both generations with POSIX datastores.</summary>
public sealed class SqliteButlerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prodstat-butler-").FullName;

    [Theory]
    [InlineData(RegistryGeneration.SynthIntKey)]
    [InlineData(RegistryGeneration.NameKey2022)]
    public async Task Collect_SampleRepository_ReadsEveryQuantumOfTheWindow(RegistryGeneration generation)
    {
        var ct = TestContext.Current.CancellationToken;
        string repo = Path.Combine(_folder, "repo");
        string yaml = await SampleButlerRepository.WriteAsync(repo, generation, cancellationToken: ct);
        var quanta = GeneratedQuanta(generation, repo);
        await using var host = new ButlerTestHost(_folder);

        var result = await host.CollectAsync(SampleButlerRepository.ParamFile(yaml));

        Assert.Equal(generation, result.Generation);
        Assert.Equal(2, result.RunsSelected);
        Assert.Equal([SampleButlerRepository.NoTimestampRun], result.SkippedNames);
        var expected = quanta.Where(q => SampleButlerRepository.InWindowRuns.Contains(q.Run)).ToList();
        Assert.Equal(expected.Count, result.Campaign.Quanta);
        Assert.Equal(expected.Count, result.Campaign.Read);
        Assert.Equal(expected.Sum(q => q.CpuSeconds) / 3600, result.Campaign.CpuHours, 6);
        Assert.Equal(expected.Max(q => q.RssBytes) / (1024.0 * 1024 * 1024), result.Campaign.MaxRssGb!.Value, 9);
        Assert.Equal(expected.Min(q => q.Start), result.Campaign.FirstStart);
        var isr = result.Rows.Single(r => r.Row == "20220121T031850Z_isr");
        var isrQuanta = expected.Where(q => q.Run.EndsWith("20220121T031850Z", StringComparison.Ordinal) && q.Label == "isr").ToList();
        Assert.Equal(isrQuanta.Count, isr.Quanta);
        Assert.Equal(isrQuanta.Average(q => q.CpuSeconds), isr.CpuMean!.Value, 6);
        Assert.Equal(isrQuanta.Max(q => q.CpuSeconds), isr.CpuMax!.Value, 6);
        Assert.Equal(isrQuanta.Average(q => q.WallSeconds), isr.WallMean!.Value, 4);
        Assert.Contains(result.Rows, r => r.Row == "20220120T012920Z_compute_object_epochs");
        Assert.DoesNotContain(result.Rows, r => r.Row.Contains("gatherResourceUsage", StringComparison.Ordinal));
        Assert.Equal(8, result.Rows.Count);
    }

    [Fact]
    public async Task Collect_SecondRun_ReusesStoredRunsAndCleanHistoryRereads()
    {
        var ct = TestContext.Current.CancellationToken;
        string yaml = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "repo"), RegistryGeneration.SynthIntKey, cancellationToken: ct);
        await using var host = new ButlerTestHost(_folder);
        string param = SampleButlerRepository.ParamFile(yaml);

        var first = await host.CollectAsync(param);
        var second = await host.CollectAsync(param);
        var sampled = await host.CollectAsync(SampleButlerRepository.ParamFile(yaml, maxTask: 2));
        var cleaned = await host.CollectAsync(param, clean: true);

        Assert.Equal(2, first.RunsRead);
        Assert.Equal(0, second.RunsRead);
        Assert.Equal(first.Campaign, second.Campaign);
        Assert.Equal(2, sampled.RunsRead);
        Assert.Equal(first.Campaign.Quanta, sampled.Campaign.Quanta);
        Assert.Equal(2 * 2 * SampleButlerRepository.Labels.Length, sampled.Campaign.Read);
        Assert.Equal(2, cleaned.RunsRead);
        Assert.Equal(first.Campaign.CpuHours, cleaned.Campaign.CpuHours, 9);
    }

    [Fact]
    public async Task Collect_SameRunNamesInAnotherRepository_AreReadAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        string current = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "current"), RegistryGeneration.SynthIntKey, cancellationToken: ct);
        string legacy = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "legacy"), RegistryGeneration.NameKey2022, cancellationToken: ct);
        await using var host = new ButlerTestHost(_folder);

        var first = await host.CollectAsync(SampleButlerRepository.ParamFile(current));
        var second = await host.CollectAsync(SampleButlerRepository.ParamFile(legacy));

        Assert.Equal(2, second.RunsRead);
        Assert.Equal(first.Campaign.Quanta, second.Campaign.Quanta);
        Assert.NotEqual(first.Campaign.CpuHours, second.Campaign.CpuHours);
    }

    [Fact]
    public async Task RunJob_WritesTheFourTableFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        string yaml = await SampleButlerRepository.WriteAsync(Path.Combine(_folder, "repo"), RegistryGeneration.NameKey2022, cancellationToken: ct);
        await using var host = new ButlerTestHost(_folder);

        var result = await host.RunJobAsync(SampleButlerRepository.ParamFile(yaml));

        Assert.Equal(["butlerStat-PREOPS-905.csv", "butlerStat-PREOPS-905.txt", "butlerStat-PREOPS-905.html", "butlerStat-PREOPS-905.png"],
            result.Files.Select(Path.GetFileName));
        string[] txt = await File.ReadAllLinesAsync(result.Files[1], ct);
        Assert.Equal(" Campaign Butler statistics PREOPS-905", txt[0]);
        Assert.Equal(ButlerTables.TableName, txt[1]);
        Assert.Contains(txt, l => l.StartsWith("|campaign|", StringComparison.Ordinal));
    }

    private static IReadOnlyList<SampleButlerRepository.Quantum> GeneratedQuanta(RegistryGeneration generation, string repo)
    {
        var quanta = new List<SampleButlerRepository.Quantum>();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        var writer = new ButlerRegistryWriter(connection, generation, false);
        quanta.AddRange(SampleButlerRepository.PopulateAsync(writer, generation, new SampleButlerRepository.Shape(), (_, _, _) => Task.CompletedTask)
            .GetAwaiter().GetResult());
        Assert.True(File.Exists(Path.Combine(repo, quanta[0].Path)));
        return quanta;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
