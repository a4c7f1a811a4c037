namespace ProdStatus.Benchmarks;

/// <summary>Console benchmarks: <c>dotnet run -c Release --project tests/ProdStatus.Benchmarks -- SCENARIO [args]</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string scenario = args.Length > 0 ? args[0] : "";
        string[] rest = args.Length > 1 ? args[1..] : [];
        switch (scenario)
        {
            case "butler":
                return await ButlerBenchmark.RunAsync(rest);
            case ButlerBenchmark.ScanScenario:
                return await ButlerBenchmark.ScanAsync(rest);
            default:
                await Console.Error.WriteLineAsync("usage: ProdStatus.Benchmarks butler [DIR] [QUANTA]");
                return 2;
        }
    }
}
