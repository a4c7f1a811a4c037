using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Samples;
using ProdStatus.Engine.Params;

namespace ProdStatus.Benchmarks;

/// <summary>
/// get-butler-stat full scan of a production-sized SQLite repository against <c>cat</c> reading the same metadata files,
/// both with a warm page cache. <c>--generation 2022</c> builds a NameKey registry with full PropertySet YAML
/// documents (~7 KB, subtask sections, every timing key); <c>current</c> a SynthIntKey registry with TaskMetadata JSON
/// (~7 KB). <c>--datasets</c> counts every dataset (most are not metadata and have no file here), <c>--files</c> the
/// metadata files. The repository is cached in DIR/&lt;generation&gt;-&lt;datasets&gt;-&lt;files&gt;; delete DIR when done.
/// The scan runs in a child process so its peak RSS (VmHWM) is its own.
/// </summary>
internal static class ButlerBenchmark
{
    public const string ScanScenario = "butler-scan";

    public static async Task<int> RunAsync(string[] args)
    {
        string root = Path.GetFullPath(args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)
            ? args[0] : Path.Combine(Path.GetTempPath(), "prodstat-butler-bench"));
        string generation = Arg(args, "--generation", "2022");
        int datasets = int.Parse(Arg(args, "--datasets", "1000000"), CultureInfo.InvariantCulture);
        int files = int.Parse(Arg(args, "--files", "200000"), CultureInfo.InvariantCulture);
        string dir = Path.Combine(root, $"{generation}-{datasets}-{files}");
        string list = Path.Combine(dir, "files.lst");
        if (!File.Exists(Path.Combine(dir, "done")))
        {
            var generate = Stopwatch.StartNew();
            await ButlerScaleRepository.GenerateAsync(dir, generation == "2022", datasets, files, list);
            await File.WriteAllTextAsync(Path.Combine(dir, "done"), "");
            Console.WriteLine($"generated {datasets:N0} datasets, {files:N0} metadata files in {generate.Elapsed.TotalSeconds:F1} s");
        }
        long bytes = File.ReadLines(list).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"repository: {dir} ({generation}), {datasets:N0} datasets, {files:N0} files, {bytes / 1e6:F0} MB, " +
                          $"{bytes / files / 1024.0:F1} KiB/file, {Environment.ProcessorCount} cores");

        await CatAsync(list); // warm the page cache for both contenders
        double cat = await CatAsync(list);
        Console.WriteLine($"cat:  {cat:F2} s");
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
        Console.WriteLine($"ratio scan/cat: {scan / cat:F2} (goal <= 2)");
        return child.ExitCode;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
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
}
