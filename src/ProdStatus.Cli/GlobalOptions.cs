using System.CommandLine;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Cli;

internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log progress details (information level) to stderr.",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Read settings from FILE (JSON, or YAML by extension .yaml/.yml); wins over the user file, loses to the environment.",
        HelpName = "FILE",
        Recursive = true,
    };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Set one configuration key, e.g. --set ProdStatus:Jira:Project=DRP (repeatable); wins over every other source.",
        HelpName = "KEY=VALUE",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The <c>--set</c> values as configuration keys; a malformed one is a one-line error naming it.</summary>
    public static Dictionary<string, string?> SetValues(ParseResult parse)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in parse.GetValue(Set) ?? [])
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UserInputException($"--set expects KEY=VALUE, e.g. ProdStatus:Jira:Project=DRP (got '{pair}')");
            }
            values[pair[..eq].Trim().Replace("__", ":", StringComparison.Ordinal)] = pair[(eq + 1)..];
        }
        return values;
    }
}
