using System.CommandLine;

namespace ProdStatus.Cli.Commands;

internal static class CommonOptions
{
    /// <summary><c>--clean-history</c>; the original's <c>--clean_history True</c> still works.</summary>
    public static Option<bool> CleanHistory() => new("--clean-history", "--clean_history")
    {
        Description = "Forget the statistics stored for this Jira ticket before collecting.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> OutDir() => new("--out")
    {
        Description = "Write the output files to DIR instead of the data directory (ProdStatus:Output:DataDir).",
        HelpName = "DIR",
    };
}
