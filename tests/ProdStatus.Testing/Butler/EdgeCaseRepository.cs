using System.IO.Compression;
using System.Text;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Testing.Butler;

/// <summary>
/// A repository of awkward cases for ticket PREOPS-999, written through the same
/// schema spec and writer as the demo, into any database and any datastore (the <c>write</c> callback).
/// Expected outcome per case is in <see cref="Expected"/>.
/// </summary>
public static class EdgeCaseRepository
{
    public const string Jira = "PREOPS-999";
    public const string Run1 = "edge/PREOPS-999/20220125T000000Z";
    public const string Run2 = "edge/PREOPS-999/20220126T000000Z";
    /// <summary>LIKE wildcards and dots, and (SQLite only, PostgreSQL enforces VARCHAR(64)) longer than 64 characters.</summary>
    public const string OddRun = "edge_%.weird/names/that/are/longer/than/sixty-four/characters/PREOPS-999/20220125T120000Z";
    public const string OddRunShort = "edge_%.w/PREOPS-999/20220125T120000Z";
    public const string NoTimestampRun = "edge/PREOPS-999/step1/w_2022_05";
    public const string ChainedLookalike = "edge/PREOPS-999/20220127T000000Z";
    public const long HugeRssBytes = 300L * 1024 * 1024 * 1024;

    /// <summary>What a full scan must find for label isr in <see cref="Run1"/>.</summary>
    public static class Expected
    {
        public const long IsrRun1Registered = 16;
        public const long IsrRun1Read = 6;         // good, NaN, non-UTF-8, zip, absolute, v0 KiB
        public const long IsrRun1NoFile = 4;       // no record, missing file, member missing from its zip, component-only record
        public const long IsrRun1Unreadable = 3;   // truncated, empty, gzip
        public const long IsrRun1NoMetadata = 1;
        public const long IsrRun1Provenance = 2;
    }

    public static string ParamFile(string butler, int maxTask = 0) =>
        $"Jira: {Jira}\ncollTypes: [\"edge\"]\nmaxtask: {maxTask}\nstart_date: '2022-01-20'\nstop_date: '2022-01-31'\nButler: {butler}\n";

    /// <param name="absoluteRoot">A URI prefix where <c>write</c>'s relative paths land (<c>file:///tmp/repo</c>, <c>s3://bucket/repo</c>).</param>
    public static async Task WriteAsync(ButlerRegistryWriter writer, RegistryGeneration generation, string absoluteRoot,
        Func<string, byte[], CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await writer.CreateSchemaAsync(cancellationToken);
        await writer.BeginAsync(cancellationToken);
        string oddRun = writer.Postgres ? OddRunShort : OddRun;
        foreach (string run in new[] { Run1, Run2, oddRun, NoTimestampRun, "edge/PREOPS-998/20220125T000000Z" })
        {
            await writer.AddCollectionAsync(run, ButlerCollection.Run, cancellationToken);
        }
        await writer.AddCollectionAsync(ChainedLookalike, ButlerCollection.Chained, cancellationToken);
        await writer.AddChainAsync(ChainedLookalike, [Run2, Run1], cancellationToken);
        await writer.AddCollectionAsync("edge/PREOPS-999/tagged", ButlerCollection.Tagged, cancellationToken);
        await writer.AddDatasetTypeAsync(1, "isr_metadata", "TaskMetadata", ["instrument", "detector", "exposure"], cancellationToken);
        await writer.AddDatasetTypeAsync(2, "compute_object_epochs_metadata", "TaskMetadata", ["skymap", "tract", "patch"], cancellationToken);
        await writer.AddDatasetTypeAsync(3, "makeSummary_metadata", "TaskMetadata", [], cancellationToken);
        await writer.AddDatasetTypeAsync(4, "isr_gatherResourceUsage_metadata", "TaskMetadata", [], cancellationToken);
        await writer.AddDatasetTypeAsync(5, "isr_config", "Config", [], cancellationToken);

        int n = 0;
        var start = new DateTimeOffset(2022, 1, 25, 1, 0, 0, TimeSpan.Zero);
        async Task Add(long type, string run, string? path, byte[]? content, string? formatter = null, string component = ButlerRegistryWriter.NullComponent,
            long? size = null)
        {
            n++;
            object[] dataId = type switch { 1 => ["LSSTCam-imSim", (long)(n % 189), 1400L + n], 2 => ["DC2", 3828L, (long)n], _ => [] };
            if (content is not null && path is not null)
            {
                await write(path.Split('#')[0], content, cancellationToken);
            }
            var id = new Guid(n, 0, 0, new byte[8]);
            await writer.AddDatasetAsync(id, type, run, dataId, start.AddMinutes(n), path, formatter, size ?? content?.Length, component, cancellationToken);
            if (run == Run1 && type == 1 && n == 1)
            {
                await writer.AddTagAsync(id, type, "edge/PREOPS-999/tagged", dataId, cancellationToken); // also TAGGED: counted once
            }
        }
        var good = Sample(start, cpu: 40, rss: 2_000_000_000);
        await Add(1, Run1, "isr/good.json", Utf8(MetadataDocuments.Json("isr", good)), size: 5_000_000_000);
        await Add(1, Run1, "isr/nan.json", Utf8(MetadataDocuments.Json("isr", Sample(start, 50, 1_000_000_000), padding: 1)
            .Replace("\"endCpuTime\":[", "\"endCpuTime\":[1.0,NaN],\"endCpuTimeOld\":[", StringComparison.Ordinal)
            .Replace("\"step0Flag\"", "\"bad\":[NaN,Infinity,-Infinity],\"step0Flag\"", StringComparison.Ordinal)));
        await Add(1, Run1, "isr/latin1.yaml", Latin1Yaml(start));
        await Add(1, Run1, "isr/zipped.zip#zip-path=inner/isr.json", Zip("inner/isr.json", Utf8(MetadataDocuments.Json("isr", Sample(start, 20, 500_000_000)))));
        await Add(1, Run1, "isr/zipped.zip#zip-path=inner/absent.json", null);
        await Add(1, Run1, $"{absoluteRoot}/elsewhere/absolute.json", null);
        await write("elsewhere/absolute.json", Utf8(MetadataDocuments.Json("isr", Sample(start, 10, HugeRssBytes))), cancellationToken);
        await Add(1, Run1, "isr/v0.yaml", Utf8(MetadataDocuments.Yaml("isr", Sample(start, 30, 1_048_576, version: null))));
        await Add(1, Run1, null, null);
        await Add(1, Run1, "isr/missing.json", null);
        await Add(1, Run1, "isr/component.json", null, component: "metadata");
        await Add(1, Run1, "isr/truncated.json", Utf8(MetadataDocuments.Json("isr", good)[..200]));
        await Add(1, Run1, "isr/empty.json", []);
        await Add(1, Run1, "isr/gzip.json", Gzip(Utf8(MetadataDocuments.Json("isr", good))));
        await Add(1, Run1, "isr/noquantum.json", Utf8("{\"scalars\":{},\"arrays\":{},\"metadata\":{\"isr\":{\"scalars\":{\"doSaturation\":true},\"arrays\":{},\"metadata\":{}}}}"));
        await Add(1, Run1, "provenance/run_provenance.zip", [], ButlerRegistryWriter.ProvenanceFormatter);
        await Add(1, Run1, "provenance/run_provenance.zip", null, ButlerRegistryWriter.ProvenanceFormatter);
        await Add(2, Run1, "coe/a.json", Utf8(MetadataDocuments.Json("compute_object_epochs", Sample(start, 5, 100_000_000))));
        await Add(2, Run1, "coe/b.json", Utf8(MetadataDocuments.Json("compute_object_epochs", Sample(start, 7, 300_000_000))));
        await Add(4, Run1, "bookkeeping/gather.json", Utf8("{}"));
        await Add(5, Run1, "config/isr.py", Utf8("config.x = 1"));
        await Add(1, Run2, "run2/isr.json", Utf8(MetadataDocuments.Json("isr", Sample(start.AddDays(1), 60, 3_000_000_000))));
        await Add(3, Run2, "run2/summary.json", Utf8(MetadataDocuments.Json("makeSummary", Sample(start.AddDays(1), 1, 200_000_000, noWork: true))));
        await Add(1, oddRun, "odd/isr.json", Utf8(MetadataDocuments.Json("isr", Sample(start, 15, 800_000_000))));
        await Add(1, NoTimestampRun, "notimestamp/isr.json", Utf8(MetadataDocuments.Json("isr", good)));
        await writer.CommitAsync(cancellationToken);
    }

    public static QuantumSample Sample(DateTimeOffset prep, double cpu, long rss, int? version = 1, bool noWork = false) =>
        new(prep, prep.AddSeconds(2), prep.AddSeconds(2 + cpu * 1.25), 4, 5, 5 + cpu, rss, version, noWork);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>2022-style YAML with a Windows-1252 degree sign (0xB0) in a string value: invalid UTF-8.</summary>
    private static byte[] Latin1Yaml(DateTimeOffset start)
    {
        string yaml = MetadataDocuments.Yaml("isr", Sample(start, 25, 700_000, version: null));
        yaml = yaml.Replace("- - quantum", "    - - unitsNote\n      - String\n      - 'temperature in XC'\n- - quantum", StringComparison.Ordinal);
        byte[] bytes = Encoding.ASCII.GetBytes(yaml);
        bytes[yaml.IndexOf("XC", StringComparison.Ordinal)] = 0xB0;
        return bytes;
    }

    private static byte[] Zip(string member, byte[] content)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry(member).Open();
            stream.Write(content);
        }
        return memory.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return memory.ToArray();
    }
}
