using System.Reflection;
using System.Text.RegularExpressions;

namespace ProdStatus.Cli.Tests;

public sealed class VersionAndCompletionTests
{
    [Fact]
    public async Task Version_PrintsVersionAndCommit()
    {
        var (code, output, _) = await CliRun.RunAsync(CliRun.Settings(CliRun.TempDir()), "--version");
        Assert.Equal(0, code);
        Assert.Matches(new Regex(@"^prodstat \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{7,40}|unknown)\)\n$"), output);
        string informational = typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1] : "unknown",
            Regex.Match(output, @"commit (\S+)\)").Groups[1].Value);
    }

    [Theory]
    [InlineData("1.0.0+5e5414b3371c5b2198354bf1aa890056f4ed768b", "prodstat 1.0.0 (commit 5e5414b3371c5b2198354bf1aa890056f4ed768b)")]
    [InlineData("1.0.0", "prodstat 1.0.0 (commit unknown)")]
    [InlineData("2.1.0-beta.3+", "prodstat 2.1.0-beta.3 (commit unknown)")]
    public void Version_WithoutCommitFromGit_SaysUnknown(string informational, string expected) =>
        Assert.Equal(expected, VersionAction.Format(informational));

    [Theory]
    [InlineData("bash", "complete -o default -F _prodstat_complete prodstat")]
    [InlineData("zsh", "compdef _prodstat_complete prodstat")]
    public async Task Completion_PrintsAScriptThatUsesTheSuggestDirective(string shell, string registration)
    {
        var (code, output, _) = await CliRun.RunAsync(CliRun.Settings(CliRun.TempDir()), "completion", shell);
        Assert.Equal(0, code);
        Assert.Contains(registration, output, StringComparison.Ordinal);
        Assert.Contains("\"[suggest:${#line}]\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestDirective_CompletesCommandsAndOptions()
    {
        var commands = await CliRun.RunAsync(CliRun.Settings(CliRun.TempDir()), "[suggest:3]", "doc");
        Assert.Equal("doctor\n", commands.Out);
        var options = await CliRun.RunAsync(CliRun.Settings(CliRun.TempDir()), "[suggest:14]", "config show --");
        Assert.Contains("--json", options.Out.Split('\n'));
    }
}
