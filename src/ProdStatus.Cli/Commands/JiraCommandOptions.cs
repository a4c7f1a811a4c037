using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Cli.Commands;

/// <summary>Options and checks shared by the commands that write to Jira.</summary>
internal static partial class JiraCommandOptions
{
    public static Option<bool> DryRun() => new("--dry-run", "--dry_run")
    {
        Description = "Write nothing to Jira: every request goes to the outbox folder (ProdStatus:Jira:OutboxDir) instead.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>A boolean option that also takes the original's value form (<c>--reset True</c>).</summary>
    public static Option<bool> Flag(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON." };

    /// <summary>Applies <c>--dry-run</c> before the first Jira call.</summary>
    public static JiraConnection Connect(IServiceProvider services, bool dryRun)
    {
        var connection = services.GetRequiredService<JiraConnection>();
        connection.DryRun = dryRun;
        return connection;
    }

    /// <summary>An issue key such as <c>DRP-148</c> (lower case accepted).</summary>
    public static string IssueKey(string argument, string? value)
    {
        string key = (value ?? "").Trim().ToUpperInvariant();
        return KeyPattern().IsMatch(key)
            ? key
            : throw new UserInputException($"{argument}: '{value}' is not an issue key such as DRP-148");
    }

    public static async Task PrintOutboxAsync(CliEnvironment environment, string? outbox)
    {
        if (outbox is not null)
        {
            await environment.Error.WriteLineAsync($"Jira writes went to the outbox {outbox} (no credentials configured, or --dry-run)");
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*-[0-9]+$")]
    private static partial Regex KeyPattern();
}
