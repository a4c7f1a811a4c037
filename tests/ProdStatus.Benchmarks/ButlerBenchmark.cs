using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Params;

namespace ProdStatus.Benchmarks;

/// <summary>
/// get-butler-stat full scan of a SQLite repository with many metadata files (half TaskMetadata JSON of ~7 KB,
/// half PropertySet YAML of ~3 KB), against <c>cat</c> reading the same files, both with a warm page cache. The
/// scan runs in a child process so its peak RSS (VmHWM) is its own.
/// </summary>
internal static class ButlerBenchmark
{
    public const string ScanScenario = "butler-scan";
    private static readonly string[] Labels = ["isr", "characterizeImage", "calibrate", "compute_object_epochs"];

    public static async Task<int> RunAsync(string[] args)
    {
        string dir = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "prodstat-butler-bench"));
        int quanta = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        string list = Path.Combine(dir, "files.lst");
        if (!File.Exists(Path.Combine(dir, $"done-{quanta}")))
        {
            var generate = Stopwatch.StartNew();
            await GenerateAsync(dir, quanta, list);
            await File.WriteAllTextAsync(Path.Combine(dir, $"done-{quanta}"), "");
            Console.WriteLine($"generated {quanta} metadata files in {generate.Elapsed.TotalSeconds:F1} s");
        }
        long bytes = File.ReadAllLines(list).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"repository: {dir}, {quanta} files, {bytes / 1e6:F0} MB, {Environment.ProcessorCount} cores");

        await CatAsync(list); // warm the page cache for both contenders
        double cat = await CatAsync(list);
        Console.WriteLine($"cat:  {cat:F2} s");
        var self = Process.GetCurrentProcess().MainModule!.FileName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (string a in new[] { typeof(ButlerBenchmark).Assembly.Location, ScanScenario, dir })
        {
            start.ArgumentList.Add(a);
        }
        using var child = Process.Start(start)!;
        string output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Console.Write(output);
        double scan = double.Parse(output.Split("scan: ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Console.WriteLine($"ratio scan/cat: {scan / cat:F2} (goal <= 3)");
        return child.ExitCode;
    }

    /// <summary>The child process: one full get-butler-stat collection, then its time and peak RSS.</summary>
    public static async Task<int> ScanAsync(string[] args)
    {
        string dir = args[0];
        string work = Directory.CreateTempSubdirectory("prodstat-bench-store-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(work, "store.db")}",
            ["ProdStatus:Output:DataDir"] = work,
        }).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error)).AddProdStatusEngine(configuration).BuildServiceProvider();
        string param = Path.Combine(work, "param.yaml");
        await File.WriteAllTextAsync(param, ParamFile(Path.Combine(dir, "butler.yaml")));
        var parameters = ButlerStatParams.Load(param, _ => { });
        var watch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<ButlerStatService>().CollectAsync(parameters, cleanHistory: true, null);
        watch.Stop();
        string hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scan: {watch.Elapsed.TotalSeconds:F2} s, {result.Campaign.Read} of {result.Campaign.Quanta} quanta read, peak RSS {hwm[6..].Trim()}"));
        await services.DisposeAsync();
        Directory.Delete(work, recursive: true);
        return result.Campaign.Read == result.Campaign.Quanta ? 0 : 1;
    }

    private static string ParamFile(string butler) =>
        $"Jira: BENCH-1\ncollTypes: [bench]\nmaxtask: 0\nstart_date: '2022-01-01'\nstop_date: '2022-12-31'\nButler: {butler}\n";

    private static async Task<double> CatAsync(string list)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"xargs -d '\\n' -n 4000 cat < '{list}' > /dev/null"]);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task GenerateAsync(string dir, int quanta, string list)
    {
        Directory.CreateDirectory(dir);
        string db = Path.Combine(dir, "gen3.sqlite3");
        File.Delete(db);
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        var writer = new ButlerRegistryWriter(connection, RegistryGeneration.SynthIntKey, postgres: false);
        await writer.CreateSchemaAsync();
        await writer.BeginAsync();
        string[] runs = ["bench/BENCH-1/20220301T000000Z", "bench/BENCH-1/20220302T000000Z"];
        foreach (string run in runs)
        {
            await writer.AddCollectionAsync(run, ButlerCollection.Run);
        }
        for (int t = 0; t < Labels.Length; t++)
        {
            await writer.AddDatasetTypeAsync(t + 1, Labels[t] + "_metadata", "TaskMetadata", ["instrument", "detector", "exposure"]);
        }
        var random = new Random(200_000);
        var paths = new StringBuilder();
        var prep = new DateTimeOffset(2022, 3, 1, 1, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < quanta; i++)
        {
            string run = runs[i % runs.Length];
            int label = i / runs.Length % Labels.Length;
            bool yaml = i % 2 == 1;
            var start = prep.AddSeconds(i % 86_400).AddMilliseconds(random.Next(300, 2000));
            double cpu = 5 + random.NextDouble() * 100;
            var q = new QuantumSample(prep.AddSeconds(i % 86_400), start, start.AddSeconds(cpu * 1.1), 3, 4, 4 + cpu,
                random.NextInt64(500_000_000, 4_000_000_000), 1);
            string relative = $"{run}/{Labels[label]}_metadata/{i / 1000:D4}/{Labels[label]}_metadata_{i:D7}.{(yaml ? "yaml" : "json")}";
            string text = yaml ? MetadataDocuments.Yaml(Labels[label], q, padding: 12) : MetadataDocuments.Json(Labels[label], q, padding: 60);
            string file = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text);
            paths.Append(file).Append('\n');
            await writer.AddDatasetAsync(new Guid(i, (short)label, 0, new byte[8]), label + 1, run, ["LSSTCam", (long)(i % 189), (long)i],
                start, relative, yaml ? ButlerRegistryWriter.YamlFormatter : ButlerRegistryWriter.JsonFormatter, text.Length);
        }
        await writer.CommitAsync();
        await File.WriteAllTextAsync(list, paths.ToString());
        await File.WriteAllTextAsync(Path.Combine(dir, "butler.yaml"), SampleButlerRepository.ButlerYaml("sqlite:///<butlerRoot>/gen3.sqlite3", "<butlerRoot>"));
    }
}
