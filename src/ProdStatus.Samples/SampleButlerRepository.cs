using System.Text;
using Microsoft.Data.Sqlite;
using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Samples;

/// <summary>
/// A deterministic Butler repository for <c>prodstat demo</c>, the tests and the benchmark:
/// ticket PREOPS-905, two RUNs in the window, one after it, one of another ticket, a RUN without a timestamp, a
/// CHAINED collection, labels with different dimensions (one with underscores) and a bookkeeping type that must be
/// ignored. Current generation → TaskMetadata JSON; 2022 generation → PropertySet YAML in KiB.
/// </summary>
public static class SampleButlerRepository
{
    public const string Jira = "PREOPS-905";
    public const string Prefix = "2.2i/runs/DP0.2/v23_0_0_rc5/PREOPS-905";
    public static readonly string[] InWindowRuns = [$"{Prefix}/20220120T012920Z", $"{Prefix}/20220121T031850Z"];
    public const string LateRun = $"{Prefix}/20220301T000000Z";
    public const string OtherTicketRun = "u/someone/PREOPS-910/20220121T041354Z";
    public const string NoTimestampRun = $"{Prefix}/step1/w_2022_05";

    public static readonly (string Label, string[] Dims, double Cpu, double RssGiB)[] Labels =
    [
        ("isr", ["instrument", "detector", "exposure"], 30, 1.8),
        ("characterizeImage", ["instrument", "detector", "visit"], 60, 2.5),
        ("calibrate", ["instrument", "detector", "visit"], 90, 3.1),
        ("compute_object_epochs", ["skymap", "tract", "patch"], 12, 0.9),
    ];

    /// <summary>One generated quantum, for checking results.</summary>
    public sealed record Quantum(string Run, string Label, double CpuSeconds, double WallSeconds, long RssBytes, DateTimeOffset Start, string Path);

    /// <param name="Padding">Extra task values per document, for realistic file sizes.</param>
    public sealed record Shape(int Detectors = 3, int Exposures = 4, int Seed = 905, int Padding = 12);

    /// <summary>Writes <c>butler.yaml</c>, <c>gen3.sqlite3</c> and the metadata files into <paramref name="folder"/>.</summary>
    /// <returns>The path of <c>butler.yaml</c>.</returns>
    public static async Task<string> WriteAsync(string folder, RegistryGeneration generation, Shape? shape = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        string db = Path.Combine(folder, "gen3.sqlite3");
        File.Delete(db);
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync(cancellationToken);
            var writer = new ButlerRegistryWriter(connection, generation, postgres: false);
            await PopulateAsync(writer, generation, shape ?? new Shape(), (path, bytes, ct) => WriteLocalAsync(folder, path, bytes, ct), cancellationToken);
        }
        string yaml = Path.Combine(folder, "butler.yaml");
        await File.WriteAllTextAsync(yaml, ButlerYaml("sqlite:///<butlerRoot>/gen3.sqlite3", "<butlerRoot>"), cancellationToken);
        return yaml;
    }

    public static string ButlerYaml(string registryDb, string datastoreRoot, string? ns = null) =>
        "datastore:\n  cls: lsst.daf.butler.datastores.fileDatastore.FileDatastore\n" +
        $"  root: {datastoreRoot}\n  records:\n    table: file_datastore_records\nregistry:\n  db: {registryDb}\n" +
        (ns is null ? "" : $"  namespace: {ns}\n");

    /// <summary>The original's parameter file for this repository.</summary>
    public static string ParamFile(string butler, int maxTask = 0) =>
        $"Jira: {Jira}\ncollTypes: [\"2.2i\"]\nmaxtask: {maxTask}\nstart_date: '2022-01-15'\nstop_date: '2022-02-01'\nworkNames: ''\nButler: {butler}\n";

    /// <summary>Fills a registry (schema included) and hands each metadata document to <paramref name="write"/>.</summary>
    public static async Task<IReadOnlyList<Quantum>> PopulateAsync(ButlerRegistryWriter writer, RegistryGeneration generation, Shape shape,
        Func<string, byte[], CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        bool legacy = generation == RegistryGeneration.NameKey2022;
        await writer.CreateSchemaAsync(cancellationToken);
        await writer.BeginAsync(cancellationToken);
        string[] runs = [.. InWindowRuns, LateRun, OtherTicketRun, NoTimestampRun];
        foreach (string run in runs)
        {
            await writer.AddCollectionAsync(run, ButlerCollection.Run, cancellationToken);
        }
        await writer.AddCollectionAsync(Prefix, ButlerCollection.Chained, cancellationToken);
        await writer.AddChainAsync(Prefix, [InWindowRuns[1], InWindowRuns[0]], cancellationToken);
        await writer.AddCollectionAsync("PREOPS-905/tagged_inputs", ButlerCollection.Tagged, cancellationToken);
        for (int t = 0; t < Labels.Length; t++)
        {
            await writer.AddDatasetTypeAsync(17 + t, Labels[t].Label + "_metadata", legacy ? "PropertySet" : "TaskMetadata", Labels[t].Dims, cancellationToken);
        }
        await writer.AddDatasetTypeAsync(40, "isr_gatherResourceUsage_metadata", "TaskMetadata", [], cancellationToken);

        var random = new Random(shape.Seed);
        var quanta = new List<Quantum>();
        foreach (string run in runs.Where(r => r != NoTimestampRun))
        {
            // Quanta start shortly after their submission, as in a real campaign.
            var runStart = ProdStatus.Engine.Time.WorkflowTimestamp.TryParseSuffix(run, '/', out var submitted)
                ? submitted.Utc.AddMinutes(11)
                : new DateTimeOffset(2022, 1, 21, 3, 30, 0, TimeSpan.Zero);
            for (int t = 0; t < Labels.Length; t++)
            {
                var (label, dims, cpuBase, rssGiB) = Labels[t];
                for (int e = 0; e < shape.Exposures; e++)
                {
                    for (int d = 0; d < (dims.Contains("detector") ? shape.Detectors : 1); d++)
                    {
                        object[] dataId = dims.Select(dim => dim switch
                        {
                            "instrument" => (object)"LSSTCam-imSim",
                            "skymap" => "DC2",
                            "detector" => (long)d,
                            "tract" => 3828L,
                            _ => (long)(1400 + e),
                        }).ToArray();
                        var q = Sample(random, runStart.AddSeconds(quanta.Count * 7 % 5000), cpuBase, rssGiB, legacy);
                        string ext = legacy ? "yaml" : "json";
                        string path = $"{run}/{label}_metadata/{string.Join("_", dataId)}/{label}_metadata_{string.Join("_", dataId)}_{run.Replace('/', '_')}.{ext}";
                        string text = legacy ? MetadataDocuments.Yaml(label, q, shape.Padding) : MetadataDocuments.Json(label, q, shape.Padding);
                        byte[] bytes = Encoding.UTF8.GetBytes(text);
                        await write(path, bytes, cancellationToken);
                        await writer.AddDatasetAsync(Id(random), 17 + t, run, dataId, q.End.AddMinutes(20), path,
                            legacy ? ButlerRegistryWriter.YamlFormatter : ButlerRegistryWriter.JsonFormatter, bytes.Length, cancellationToken: cancellationToken);
                        quanta.Add(new Quantum(run, label, q.EndCpu - q.StartCpu, (q.End - q.Start).TotalSeconds, legacy ? q.EndRss * 1024 : q.EndRss, q.Prep, path));
                    }
                }
            }
        }
        await writer.AddDatasetAsync(Id(random), 40, InWindowRuns[0], [], RunsStart, "bookkeeping.json", null, cancellationToken: cancellationToken);
        await writer.AddDatasetAsync(Id(random), 17, NoTimestampRun, ["LSSTCam-imSim", 0L, 1400L], RunsStart, null, null, cancellationToken: cancellationToken);
        await writer.CommitAsync(cancellationToken);
        return quanta;
    }

    private static readonly DateTimeOffset RunsStart = new(2022, 1, 21, 5, 2, 36, TimeSpan.Zero);

    private static QuantumSample Sample(Random random, DateTimeOffset prep, double cpuBase, double rssGiB, bool legacy)
    {
        double cpu = Math.Round(cpuBase * (0.7 + 0.6 * random.NextDouble()), 3);
        double startCpu = Math.Round(5 + random.NextDouble() * 4, 3);
        var start = prep.AddMilliseconds(300 + random.Next(0, 2000));
        var end = start.AddSeconds(Math.Round(cpu * 1.08 + random.NextDouble() * 3, 6));
        if (legacy && random.Next(4) == 0)
        {
            end = end.AddTicks(-(end.Ticks % TimeSpan.TicksPerSecond)); // isoformat() then leaves out the fraction
        }
        long rssBytes = (long)(rssGiB * (0.8 + 0.4 * random.NextDouble()) * 1024 * 1024 * 1024);
        return new QuantumSample(prep, start, end, startCpu - 0.5, startCpu, startCpu + cpu, legacy ? rssBytes / 1024 : rssBytes, legacy ? null : 1);
    }

    private static Guid Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static async Task WriteLocalAsync(string root, string relative, byte[] content, CancellationToken cancellationToken)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
    }
}
