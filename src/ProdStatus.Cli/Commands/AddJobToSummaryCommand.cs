using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat add-job-to-summary [PRODUCTION_ISSUE DRP_ISSUE] [--remove] [--reset] [--dry-run]</c>.</summary>
internal static class AddJobToSummaryCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var production = new Argument<string?>("PRODUCTION_ISSUE") { Description = "The production ticket, e.g. PREOPS-905.", Arity = ArgumentArity.ZeroOrOne };
        var drp = new Argument<string?>("DRP_ISSUE") { Description = "The DRP workflow issue to add (or remove).", Arity = ArgumentArity.ZeroOrOne };
        var reset = JiraCommandOptions.Flag("--reset", "Empty the summary first (alone: leave it empty). '--reset True' also works.");
        var remove = JiraCommandOptions.Flag("--remove", "Remove this workflow's rows instead of adding them. '--remove True' also works.");
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("add-job-to-summary", "Add a workflow to the summary tables (all workflows, step1 workflows) and re-render them.")
        {
            production, drp, reset, remove, dryRun,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            bool isReset = parse.GetValue(reset), isRemove = parse.GetValue(remove);
            if (isReset && isRemove)
            {
                throw new UserInputException("--reset and --remove cannot be used together (the original silently reset)");
            }
            bool haveIssues = parse.GetValue(production) is not null || parse.GetValue(drp) is not null;
            if (!haveIssues && !isReset)
            {
                throw new UserInputException("PRODUCTION_ISSUE and DRP_ISSUE are required (only --reset may run without them)");
            }
            JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            var job = services.GetRequiredService<SummaryJob>();
            SummaryResult result;
            if (!haveIssues)
            {
                result = await job.ResetAsync(token);
            }
            else
            {
                string p = IssueKey.Parse("PRODUCTION_ISSUE", parse.GetValue(production));
                string d = IssueKey.Parse("DRP_ISSUE", parse.GetValue(drp));
                result = isRemove ? await job.RemoveAsync(p, d, token) : await job.AddAsync(p, d, isReset, token);
            }
            if (result.Row is { } row)
            {
                await environment.Out.WriteLineAsync($"{row.Key}: {row.DrpIssue} ({row.Status}) {row.Description}");
            }
            if (isRemove)
            {
                await environment.Out.WriteLineAsync($"{result.Removed} row(s) removed");
            }
            await environment.Out.WriteLineAsync(
                $"{result.Rows} rows; {(result.IssuesWritten.Count == 0 ? "summary issues unchanged" : "rewrote " + string.Join(", ", result.IssuesWritten))}");
            await JiraCommandOptions.PrintOutboxAsync(environment, result.Outbox);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
