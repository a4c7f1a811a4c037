using System.Globalization;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Samples;

namespace ProdStatus.Benchmarks;

/// <summary>
/// A production-sized Butler repository of the 2022 (NameKey, PropertySet YAML) or current (SynthIntKey,
/// TaskMetadata JSON) generation: the metadata files are written once per generation and file count, and any number
/// of registries (SQLite, PostgreSQL; see <see cref="ButlerScaleRegistries"/>) point at them. One dataset in
/// <c>datasets/files</c> is a <c>*_metadata</c> one with its file; the others (calexp, src, …) have a file record
/// but no file here, as in a real processing run.
/// </summary>
internal static class ButlerScaleRepository
{
    public const string FileList = "files.lst";
    public const string Formatter = "lsst.obs.base.formatters.fitsExposure.FitsExposureFormatter";
    public static readonly string[] Labels = ["isr", "characterizeImage", "calibrate", "writeSourceTable", "transformSourceTable"];
    public static readonly string[] Products = ["postISRCCD", "icExp", "icSrc", "calexp", "src", "srcMatch", "source"];
    public static readonly string[] Runs = ["bench/BENCH-1/20220301T000000Z", "bench/BENCH-1/20220302T000000Z"];
    public static readonly string[] Dimensions = ["instrument", "detector", "exposure"];
    private static readonly string[][] Subtasks =
        [["assembleCcd", "crosstalk", "masking"], ["repair", "detection"], ["astrometry", "photoCal"], ["functors", "schema"], ["transform", "functors"]];
    private static readonly DateTimeOffset Prep = new(2022, 3, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>One registry row: the dataset, its tag row (data ID) and its file record.</summary>
    public readonly record struct Row(Guid Id, long TypeId, string Run, long Detector, long Exposure, DateTimeOffset Ingest, string Path, bool Metadata);

    /// <summary>Writes the metadata files (in parallel) and <see cref="FileList"/>, their absolute paths.</summary>
    public static async Task WriteFilesAsync(string dir, bool legacy, int files)
    {
        Directory.CreateDirectory(dir);
        var paths = new string[files];
        await Parallel.ForAsync(0, files, async (i, ct) =>
        {
            string file = Path.Combine(dir, RelativePath(legacy, i));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, Document(legacy, i), ct);
            paths[i] = file;
        });
        await File.WriteAllLinesAsync(Path.Combine(dir, FileList), paths);
    }

    /// <summary>Every dataset of the registry, in a fixed order, computed (nothing is held in memory).</summary>
    public static IEnumerable<Row> Rows(bool legacy, int datasets, int files)
    {
        int ratio = Math.Max(1, datasets / Math.Max(1, files));
        int metadataDone = 0;
        for (int d = 0; d < datasets; d++)
        {
            bool metadata = d % ratio == 0 && metadataDone < files;
            int i = metadata ? metadataDone++ : d;
            string run = Runs[i % Runs.Length];
            var ingest = Prep.AddSeconds(d % 86_400);
            if (metadata)
            {
                int label = Label(i);
                yield return new Row(new Guid(i, (short)label, 1, new byte[8]), label + 1, run, i % 189, i, ingest, RelativePath(legacy, i), true);
            }
            else
            {
                int product = d % Products.Length;
                yield return new Row(new Guid(d, (short)product, 2, new byte[8]), 100 + product, run, d % 189, d, ingest,
                    string.Create(CultureInfo.InvariantCulture, $"{run}/{Products[product]}/{d / 1000:D4}/{Products[product]}_{d:D7}.fits"), false);
            }
        }
    }

    /// <summary>Schema, attributes, RUN collections and dataset types; the caller bulk-loads the datasets.</summary>
    public static async Task<ButlerRegistryWriter> CreateSchemaAsync(System.Data.Common.DbConnection connection, bool legacy, bool postgres)
    {
        var writer = new ButlerRegistryWriter(connection, legacy ? RegistryGeneration.NameKey2022 : RegistryGeneration.SynthIntKey, postgres);
        await writer.CreateSchemaAsync();
        foreach (string run in Runs)
        {
            await writer.AddCollectionAsync(run, ButlerCollection.Run);
        }
        for (int t = 0; t < Labels.Length; t++)
        {
            await writer.AddDatasetTypeAsync(t + 1, Labels[t] + "_metadata", legacy ? "PropertySet" : "TaskMetadata", Dimensions);
        }
        for (int t = 0; t < Products.Length; t++)
        {
            await writer.AddDatasetTypeAsync(100 + t, Products[t], "ExposureF", Dimensions);
        }
        return writer;
    }

    private static int Label(int i) => i / Runs.Length % Labels.Length;

    private static string RelativePath(bool legacy, int i)
    {
        string name = Labels[Label(i)] + "_metadata";
        return string.Create(CultureInfo.InvariantCulture, $"{Runs[i % Runs.Length]}/{name}/{i / 1000:D4}/{name}_{i:D7}.{(legacy ? "yaml" : "json")}");
    }

    private static string Document(bool legacy, int i)
    {
        var random = new Random(i);
        int label = Label(i);
        var start = Prep.AddSeconds(i % 86_400).AddMilliseconds(random.Next(300, 2000));
        double cpu = 5 + (random.NextDouble() * 100);
        var q = new QuantumSample(Prep.AddSeconds(i % 86_400), start, start.AddSeconds(cpu * 1.1), 3, 4, 4 + cpu,
            legacy ? random.NextInt64(500_000, 4_000_000) : random.NextInt64(500_000_000, 4_000_000_000), legacy ? null : 1);
        return legacy ? MetadataDocuments.PropertySet2022(Labels[label], q, Subtasks[label]) : MetadataDocuments.Json(Labels[label], q, padding: 120);
    }
}
