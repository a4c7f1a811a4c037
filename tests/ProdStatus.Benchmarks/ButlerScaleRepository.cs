using System.Globalization;
using Microsoft.Data.Sqlite;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Samples;

namespace ProdStatus.Benchmarks;

/// <summary>
/// Builds a production-sized Butler repository: a SQLite registry of the 2022 (NameKey) or current (SynthIntKey)
/// generation in which one dataset in <c>datasets/files</c> is a <c>*_metadata</c> one with its file written, the
/// others (calexp, src, …) only registered, as in a real processing run.
/// </summary>
internal static class ButlerScaleRepository
{
    private static readonly string[] Labels = ["isr", "characterizeImage", "calibrate", "writeSourceTable", "transformSourceTable"];
    private static readonly string[][] Subtasks =
        [["assembleCcd", "crosstalk", "masking"], ["repair", "detection"], ["astrometry", "photoCal"], ["functors", "schema"], ["transform", "functors"]];
    private static readonly string[] Products = ["postISRCCD", "icExp", "icSrc", "calexp", "src", "srcMatch", "source"];
    private static readonly string[] Runs = ["bench/BENCH-1/20220301T000000Z", "bench/BENCH-1/20220302T000000Z"];

    public static async Task GenerateAsync(string dir, bool legacy, int datasets, int files, string list)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        var prep = new DateTimeOffset(2022, 3, 1, 1, 0, 0, TimeSpan.Zero);
        var paths = new string[files];
        // The files first, in parallel; then the registry rows in one transaction.
        await Parallel.ForAsync(0, files, async (i, ct) =>
        {
            var (relative, text) = Document(legacy, i, prep);
            string file = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text, ct);
            paths[i] = file;
        });
        await File.WriteAllLinesAsync(list, paths);

        string db = Path.Combine(dir, "gen3.sqlite3");
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }
        var writer = new ButlerRegistryWriter(connection, legacy ? RegistryGeneration.NameKey2022 : RegistryGeneration.SynthIntKey, postgres: false);
        await writer.CreateSchemaAsync();
        await writer.BeginAsync();
        foreach (string run in Runs)
        {
            await writer.AddCollectionAsync(run, ButlerCollection.Run);
        }
        string[] dims = ["instrument", "detector", "exposure"];
        for (int t = 0; t < Labels.Length; t++)
        {
            await writer.AddDatasetTypeAsync(t + 1, Labels[t] + "_metadata", legacy ? "PropertySet" : "TaskMetadata", dims);
        }
        for (int t = 0; t < Products.Length; t++)
        {
            await writer.AddDatasetTypeAsync(100 + t, Products[t], "ExposureF", dims);
        }
        int ratio = Math.Max(1, datasets / Math.Max(1, files));
        int metadataDone = 0;
        for (int d = 0; d < datasets; d++)
        {
            bool metadata = d % ratio == 0 && metadataDone < files;
            int i = metadata ? metadataDone++ : d;
            string run = Runs[i % Runs.Length];
            var ingest = prep.AddSeconds(d % 86_400);
            if (metadata)
            {
                int label = i / Runs.Length % Labels.Length;
                string relative = Path.GetRelativePath(dir, paths[i]);
                await writer.AddDatasetAsync(new Guid(i, (short)label, 1, new byte[8]), label + 1, run, ["LSSTCam", (long)(i % 189), (long)i],
                    ingest, relative, legacy ? ButlerRegistryWriter.YamlFormatter : ButlerRegistryWriter.JsonFormatter, new FileInfo(paths[i]).Length);
            }
            else
            {
                int product = d % Products.Length;
                await writer.AddDatasetAsync(new Guid(d, (short)product, 2, new byte[8]), 100 + product, run, ["LSSTCam", (long)(d % 189), (long)d],
                    ingest, $"{run}/{Products[product]}/{d / 1000:D4}/{Products[product]}_{d:D7}.fits", "lsst.obs.base.formatters.fitsExposure.FitsExposureFormatter");
            }
            if (d % 100_000 == 99_999)
            {
                await writer.CommitAsync();
                await writer.BeginAsync();
            }
        }
        await writer.CommitAsync();
        // daf_butler indexes every foreign key of the dataset table; a registry without them is not production-shaped.
        await using (var index = connection.CreateCommand())
        {
            string run = legacy ? "run_name" : "run_id";
            index.CommandText = $"CREATE INDEX dataset_fkidx_dataset_type_id ON dataset (dataset_type_id); CREATE INDEX dataset_fkidx_{run} ON dataset ({run}); ANALYZE;";
            await index.ExecuteNonQueryAsync();
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "butler.yaml"), SampleButlerRepository.ButlerYaml("sqlite:///<butlerRoot>/gen3.sqlite3", "<butlerRoot>"));
    }

    private static (string Relative, string Text) Document(bool legacy, int i, DateTimeOffset prep)
    {
        var random = new Random(i);
        string run = Runs[i % Runs.Length];
        int label = i / Runs.Length % Labels.Length;
        var start = prep.AddSeconds(i % 86_400).AddMilliseconds(random.Next(300, 2000));
        double cpu = 5 + (random.NextDouble() * 100);
        var q = new QuantumSample(prep.AddSeconds(i % 86_400), start, start.AddSeconds(cpu * 1.1), 3, 4, 4 + cpu,
            legacy ? random.NextInt64(500_000, 4_000_000) : random.NextInt64(500_000_000, 4_000_000_000), legacy ? null : 1);
        string name = Labels[label] + "_metadata";
        string relative = string.Create(CultureInfo.InvariantCulture, $"{run}/{name}/{i / 1000:D4}/{name}_{i:D7}.{(legacy ? "yaml" : "json")}");
        return (relative, legacy ? MetadataDocuments.PropertySet2022(Labels[label], q, Subtasks[label]) : MetadataDocuments.Json(Labels[label], q, padding: 60));
    }
}
