using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Samples;

namespace ProdStatus.Benchmarks;

/// <summary>
/// Per-document cost of parsing task metadata in memory (no I/O): full 2022 PropertySet YAML and current TaskMetadata
/// JSON of ~7 KB, in microseconds per document and bytes allocated per document.
/// </summary>
internal static class MetadataParseBenchmark
{
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var prep = new DateTimeOffset(2022, 3, 1, 1, 0, 0, TimeSpan.Zero);
        var q = new QuantumSample(prep, prep.AddSeconds(1.5), prep.AddSeconds(80.25), 3, 4, 74.5, 1_873_412, null);
        var yaml = Encoding.UTF8.GetBytes(MetadataDocuments.PropertySet2022("isr", q, ["assembleCcd", "crosstalk", "masking"]));
        var json = Encoding.UTF8.GetBytes(MetadataDocuments.Json("isr", q with { EndRss = 1_873_412_000, Version = 1 }, padding: 120));
        foreach (var (name, doc) in new[] { ("2022 PropertySet YAML", yaml), ("TaskMetadata JSON", json) })
        {
            if (MetadataParser.Parse(doc, "isr").Problem != MetadataProblem.None)
            {
                Console.Error.WriteLine($"{name}: not parsed");
                return 1;
            }
            Measure(doc, count / 4); // tier-up
            var (micros, bytes) = Measure(doc, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {doc.Length / 1024.0:0.0} KiB, {micros:0.0} us/document, {bytes / 1024.0:0.0} KiB allocated/document"));
        }
        return 0;
    }

    private static (double Micros, double Bytes) Measure(byte[] doc, int count)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            MetadataParser.Parse(doc, "isr");
        }
        return (watch.Elapsed.TotalMicroseconds / count, (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count);
    }
}
