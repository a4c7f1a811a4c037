using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Cli.Commands;

/// <summary>Options and checks shared by the commands that write to Jira.</summary>
internal static class JiraCommandOptions
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

    public static async Task PrintOutboxAsync(CliEnvironment environment, string? outbox)
    {
        if (outbox is not null)
        {
            await environment.Error.WriteLineAsync($"Jira writes went to the outbox {outbox} (no credentials configured, or --dry-run)");
        }
    }

}
