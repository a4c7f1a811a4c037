namespace ProdStatus.Benchmarks;

/// <summary>Macro benchmarks: <c>dotnet run -c Release --project tests/ProdStatus.Benchmarks -- &lt;scenario&gt;</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string scenario = args.Length > 0 ? args[0] : "";
        return scenario switch
        {
            "panda" => await PandaBenchmark.RunAsync(args[1..]),
            "watch" => await WatchBenchmark.RunAsync(args[1..]),
            "bot" => await BotLoadBenchmark.RunAsync(args[1..]),
            "pdf" => PdfBenchmark.Run(args),
            "dashboard" => await DashboardBenchmark.RunAsync(args[1..]),
            "inbox" => await InboxBenchmark.RunAsync(args[1..]),
            "butler" => await ButlerBenchmark.RunAsync(args[1..]),
            "metadata-parse" => MetadataParseBenchmark.Run(args[1..]),
            ButlerBenchmark.GenerateVerb => await ButlerBenchmark.GenerateChildAsync(args[1..]),
            ButlerScanProfile.Verb => await ButlerScanProfile.RunAsync(args[1..]),
            ButlerBenchmark.ScanScenario => await ButlerBenchmark.ScanAsync(args[1..]),
            PandaBenchmark.CollectHugeVerb => await PandaBenchmark.CollectHugeAsync(args[1..]),
            PandaBenchmark.ServeHugeVerb => await PandaBenchmark.ServeHugeAsync(args[1..]),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: ProdStatus.Benchmarks panda [--tasks N] [--latency-ms N] [--concurrency N] [--huge-jobs N] [--huge-only] | bot BOT_DLL [SECONDS] [--history N] [--watches N] | watch [--tasks N] [--latency-ms N] [--polls N] | pdf [OUT.pdf] | dashboard [--task-types N] [--jobs N] [--cycles N] [--no-cache] | inbox [--history N] [--pending N] | butler DIR [--generation 2022|current] [--datasets N] [--files N] [--postgres] | butler-profile BUTLER_YAML | metadata-parse [N]");
        return 2;
    }
}
