using System.CommandLine;

namespace ProdStatus.Cli;

internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log progress details (information level) to stderr.",
        Recursive = true,
    };
}
