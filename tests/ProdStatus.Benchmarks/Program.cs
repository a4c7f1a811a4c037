namespace ProdStatus.Benchmarks;

/// <summary><c>dotnet run --project tests/ProdStatus.Benchmarks -c Release -- SCENARIO [args]</c>; one file per scenario.</summary>
public static class Program
{
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "pdf" => PdfBenchmark.Run(args),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: ProdStatus.Benchmarks SCENARIO (scenarios: pdf)");
        return 2;
    }
}
