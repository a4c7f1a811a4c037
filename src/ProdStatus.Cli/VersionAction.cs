using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace ProdStatus.Cli;

/// <summary>
/// <c>prodstat --version</c>: the version and the commit it was built from (the SDK appends git's commit to the
/// informational version as <c>+sha</c>; built without git, the commit is "unknown").
/// </summary>
internal sealed class VersionAction(CliEnvironment environment) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        environment.Out.WriteLine(Text());
        return 0;
    }

    public static string Text() =>
        Format(typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary><c>1.2.3+sha</c> → <c>prodstat 1.2.3 (commit sha)</c>; without <c>+sha</c> the commit is "unknown".</summary>
    internal static string Format(string informational)
    {
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        string version = plus < 0 ? informational : informational[..plus];
        string commit = plus < 0 || plus == informational.Length - 1 ? "unknown" : informational[(plus + 1)..];
        return $"prodstat {version} (commit {commit})";
    }
}
