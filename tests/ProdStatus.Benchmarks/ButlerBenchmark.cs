using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Samples;
using ProdStatus.Engine.Params;
using ProdStatus.Testing.Postgres;

namespace ProdStatus.Benchmarks;

/// <summary>
/// get-butler-stat full scan of a production-sized repository against <c>cat</c> reading the same metadata files,
/// both with a warm page cache. <c>--generation 2022</c> builds a NameKey registry with full PropertySet YAML
/// documents (~7 KB, subtask sections, every timing key); <c>current</c> a SynthIntKey registry with TaskMetadata JSON
/// (~7 KB). <c>--datasets</c> counts every dataset (most are not metadata and have no file here), <c>--files</c> the
/// metadata files. The files and the SQLite registry are cached in DIR/&lt;generation&gt;-&lt;files&gt;files (delete DIR
/// when done); <c>--postgres</c> loads the same datasets into a throwaway PostgreSQL 15 cluster instead, stopped and
/// deleted afterwards. Generation runs at <c>nice 10</c>; the scan runs in a child process so its peak RSS (VmHWM) is its own.
/// </summary>
internal static class ButlerBenchmark
{
    public const string ScanScenario = "butler-scan";
    public const string GenerateVerb = "butler-generate";

    public static async Task<int> RunAsync(string[] args)
    {
        string root = Path.GetFullPath(args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)
            ? args[0] : Path.Combine(Path.GetTempPath(), "prodstat-bench"));
        string generation = BenchmarkArgs.Get(args, "--generation", "2022");
        int datasets = int.Parse(BenchmarkArgs.Get(args, "--datasets", "1000000"), CultureInfo.InvariantCulture);
        int files = int.Parse(BenchmarkArgs.Get(args, "--files", "200000"), CultureInfo.InvariantCulture);
        bool postgres = args.Contains("--postgres");
        string dir = Path.Combine(root, $"{generation}-{files}files");
        string list = Path.Combine(dir, ButlerScaleRepository.FileList);
        if (!File.Exists(Path.Combine(dir, "files.done")))
        {
            await GenerateAsync("files", dir, generation, datasets, files);
            await File.WriteAllTextAsync(Path.Combine(dir, "files.done"), "");
        }
        await using var cluster = postgres ? new PostgresCluster() : null;
        string butler;
        if (cluster is null)
        {
            string db = $"gen3-{datasets}.sqlite3";
            butler = Path.Combine(dir, $"butler-{datasets}.yaml");
            if (!File.Exists(Path.Combine(dir, db + ".done")))
            {
                await GenerateAsync("sqlite", dir, generation, datasets, files, Path.Combine(dir, db));
                await File.WriteAllTextAsync(butler, SampleButlerRepository.ButlerYaml($"sqlite:///<butlerRoot>/{db}", "<butlerRoot>"));
                await File.WriteAllTextAsync(Path.Combine(dir, db + ".done"), "");
            }
        }
        else
        {
            await cluster.StartAsync();
            string connection = await cluster.CreateDatabaseAsync();
            await GenerateAsync("postgres", dir, generation, datasets, files, connection);
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            butler = Path.Combine(dir, "butler-postgres.yaml");
            await File.WriteAllTextAsync(butler, SampleButlerRepository.ButlerYaml(
                $"postgresql://{PostgresCluster.User}:{PostgresCluster.Password}@127.0.0.1:{cluster.Port}/{builder.Database}", dir));
        }
        long bytes = File.ReadLines(list).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"repository: {dir} ({generation}, {(postgres ? "PostgreSQL" : "SQLite")}), {datasets:N0} datasets, {files:N0} files, " +
                          $"{bytes / 1e6:F0} MB, {bytes / files / 1024.0:F1} KiB/file, {Environment.ProcessorCount} cores");

        await CatAsync(list); // warm the page cache for both contenders
        var before = await CatAsync(list);
        var (exit, output) = await ChildAsync(false, ScanScenario, butler);
        var after = await CatAsync(list);
        Console.Write(output);
        // The machine is shared: cat runs just before and just after the scan, and the ratio uses their mean.
        double cat = (before.Wall + after.Wall) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cat:  {before.Wall:F2} s before, {after.Wall:F2} s after (warm page cache; CPU {before.Cpu:F2} s / {after.Cpu:F2} s)"));
        double scan = double.Parse(output.Split("scan: ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio scan/cat: {scan / cat:F2} (goal <= 2)"));
        return exit;
    }

    /// <summary>Data generation runs in a child process at <c>nice 10</c>, so it slows others on a shared machine less.</summary>
    private static async Task GenerateAsync(string what, string dir, string generation, int datasets, int files, string target = "")
    {
        var watch = Stopwatch.StartNew();
        var (exit, output) = await ChildAsync(true, GenerateVerb, what, dir, generation, datasets.ToString(CultureInfo.InvariantCulture),
            files.ToString(CultureInfo.InvariantCulture), target);
        Console.Write(output);
        if (exit != 0)
        {
            throw new InvalidOperationException($"generating {what} failed ({exit})");
        }
        Console.WriteLine($"generated {what} ({generation}, {datasets:N0} datasets, {files:N0} files) in {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The child of <see cref="GenerateAsync"/>.</summary>
    public static async Task<int> GenerateChildAsync(string[] args)
    {
        var (what, dir, legacy) = (args[0], args[1], args[2] == "2022");
        int datasets = int.Parse(args[3], CultureInfo.InvariantCulture);
        int files = int.Parse(args[4], CultureInfo.InvariantCulture);
        switch (what)
        {
            case "files":
                await ButlerScaleRepository.WriteFilesAsync(dir, legacy, files);
                break;
            case "sqlite":
                await ButlerScaleRegistries.SqliteAsync(args[5], legacy, datasets, files, dir);
                break;
            default:
                await ButlerScaleRegistries.PostgresAsync(args[5], legacy, datasets, files, dir);
                break;
        }
        return 0;
    }

    private static async Task<(int Exit, string Output)> ChildAsync(bool nice, params string[] args)
    {
        var start = new ProcessStartInfo(nice ? "nice" : "dotnet") { RedirectStandardOutput = true };
        foreach (string a in (nice ? ["-n", "10", "dotnet"] : Array.Empty<string>()).Concat([typeof(ButlerBenchmark).Assembly.Location, .. args]))
        {
            start.ArgumentList.Add(a);
        }
        using var child = Process.Start(start)!;
        string output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return (child.ExitCode, output);
    }


    /// <summary>The child process: one full get-butler-stat collection, then its time and peak RSS.</summary>
    public static async Task<int> ScanAsync(string[] args)
    {
        string butler = args[0];
        string work = Directory.CreateTempSubdirectory("prodstat-bench-store-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(work, "store.db")}",
            ["ProdStatus:Output:DataDir"] = work,
        }).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error)).AddProdStatusEngine(configuration).BuildServiceProvider();
        string param = Path.Combine(work, "param.yaml");
        await File.WriteAllTextAsync(param, ParamFile(butler));
        var parameters = ButlerStatParams.Load(param, _ => { });
        var watch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<ButlerStatService>().CollectAsync(parameters, cleanHistory: true, null);
        watch.Stop();
        double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        string hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scan: {watch.Elapsed.TotalSeconds:F2} s, {result.Campaign.Read} of {result.Campaign.Quanta} quanta read, peak RSS {hwm[6..].Trim()}, CPU {cpu:F2} s ({cpu / watch.Elapsed.TotalSeconds * 100:F0} % of one core)"));
        await services.DisposeAsync();
        Directory.Delete(work, recursive: true);
        return result.Campaign.Read == result.Campaign.Quanta ? 0 : 1;
    }

    private static string ParamFile(string butler) =>
        $"Jira: BENCH-1\ncollTypes: [bench]\nmaxtask: 0\nstart_date: '2022-01-01'\nstop_date: '2022-12-31'\nButler: {butler}\n";

    /// <summary><c>cat</c> of every file (4,000 per process); wall time, and the CPU time (user + system) of the cats.</summary>
    private static async Task<(double Wall, double Cpu)> CatAsync(string list)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"xargs -d '\\n' -n 4000 cat < '{list}' > /dev/null; times"]) { RedirectStandardOutput = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        string times = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        double wall = watch.Elapsed.TotalSeconds;
        // `times`: the shell's own user/system times, then its children's ("0m0.415s 0m5.495s").
        double cpu = times.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(' ').Sum(Seconds);
        return (wall, cpu);
    }

    private static double Seconds(string time)
    {
        int m = time.IndexOf('m');
        return (int.Parse(time[..m], CultureInfo.InvariantCulture) * 60) + double.Parse(time[(m + 1)..^1], CultureInfo.InvariantCulture);
    }
}
