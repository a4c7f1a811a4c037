using System.Globalization;

namespace ProdStatus.Benchmarks;

/// <summary>The benchmarks' <c>--name value</c> options.</summary>
internal static class BenchmarkArgs
{
    public static string Get(string[] args, string name, string fallback) => Value(args, name) ?? fallback;

    public static int Get(string[] args, string name, int fallback) =>
        Value(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
