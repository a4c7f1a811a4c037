using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Benchmarks;

/// <summary>
/// Where a full scan's time goes, one stage at a time on one thread (<c>butler-profile BUTLER_YAML</c>): streaming
/// the registry rows alone, then also opening and reading every file, then also parsing each document. The
/// differences are the cost of each stage; the scan itself runs the read and parse stages on every core.
/// </summary>
internal static class ButlerScanProfile
{
    public const string Verb = "butler-profile";

    public static async Task<int> RunAsync(string[] args)
    {
        string yaml = Path.GetFullPath(args[0]);
        var config = ButlerRepositoryConfig.Parse(yaml, await File.ReadAllTextAsync(yaml));
        var options = new ButlerOptions();
        using var datastore = new DatastoreReader(Options.Create(options));
        foreach (string stage in new[] { "registry", "registry+read", "registry+read+parse" })
        {
            var watch = Stopwatch.StartNew();
            double cpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            long rows = 0, bytes = 0, parsed = 0;
            await using var registry = await ButlerRegistry.OpenAsync(config, options, CancellationToken.None);
            var types = await registry.GetMetadataTypesAsync(CancellationToken.None);
            foreach (var run in await registry.GetCollectionsAsync(CancellationToken.None))
            {
                if (run.Type != Engine.Domain.Butler.ButlerCollection.Run)
                {
                    continue;
                }
                foreach (var type in types)
                {
                    await foreach (var dataset in registry.ReadAsync(run.Key, type, CancellationToken.None))
                    {
                        rows++;
                        if (stage == "registry" || dataset.Path is null)
                        {
                            continue;
                        }
                        byte[] content = await datastore.ReadAsync(DatastoreLocation.Resolve(config.DatastoreRoot, dataset.Path));
                        bytes += content.Length;
                        if (stage.EndsWith("parse", StringComparison.Ordinal) &&
                            MetadataParser.Parse(content, dataset.Label).Problem == Engine.Domain.Butler.MetadataProblem.None)
                        {
                            parsed++;
                        }
                    }
                }
            }
            double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage,-20} {watch.Elapsed.TotalSeconds,7:F2} s wall, {cpu,7:F2} s CPU: {rows:N0} rows, {bytes / 1e6:F0} MB read, {parsed:N0} parsed"));
        }
        return 0;
    }
}
