using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat import-summary [--file PATH | --issue KEY]</c>: read the original's JSON store into ours, once.</summary>
internal static class ImportSummaryCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = new Option<string?>("--file") { Description = "A saved copy of the JSON store (the old DRP-54 description).", HelpName = "PATH" };
        var issue = new Option<string?>("--issue") { Description = "Issue whose description holds it (default: ProdStatus:Jira:LegacyStoreIssue).", HelpName = "KEY" };
        var command = new Command("import-summary", "Import the original summary store (DRP-54 style JSON, or a rendered summary table) into the store.")
        {
            file, issue,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(file) is not null && result.GetValue(issue) is not null)
            {
                result.AddError("--file and --issue cannot be used together");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string? key = parse.GetValue(issue) is { } k ? IssueKey.Parse("--issue", k) : null;
            int rows = await services.GetRequiredService<SummaryJob>().ImportAsync(parse.GetValue(file), key, token);
            await environment.Out.WriteLineAsync($"{rows} summary rows imported; run add-job-to-summary to re-render the tables");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
