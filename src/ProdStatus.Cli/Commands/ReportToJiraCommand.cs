using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat report-to-jira REPORT_YAML [--dry-run]</c>.</summary>
internal static class ReportToJiraCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var yaml = new Argument<string>("REPORT_YAML") { Description = "project, Jira, comments [{file, tokens}], attachments [path]." };
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("report-to-jira", "Post statistics files as token-identified comments and attachments of a Jira issue.") { yaml, dryRun };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            var parameters = ReportToJiraParams.Load(parse.GetValue(yaml)!);
            JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            var result = await services.GetRequiredService<ReportToJiraJob>().RunAsync(parameters, token);
            for (int i = 0; i < result.Comments.Count; i++)
            {
                var c = result.Comments[i];
                string verb = c.Action switch { CommentAction.Added => "added", CommentAction.Updated => "updated", _ => "unchanged" };
                await environment.Out.WriteLineAsync($"{result.Issue}: comment {c.CommentId} {verb} ({Path.GetFileName(parameters.Comments[i].File)})");
                if (c.OtherMatches.Count > 0)
                {
                    await environment.Error.WriteLineAsync($"warning: comments {string.Join(", ", c.OtherMatches)} also carry the tokens " +
                        $"[{string.Join(", ", parameters.Comments[i].Tokens)}]; only the newest was updated");
                }
            }
            await environment.Out.WriteLineAsync($"{result.Issue}: {result.AttachmentsReplaced} attachment(s) replaced, {result.AttachmentsUnchanged} unchanged");
            await JiraCommandOptions.PrintOutboxAsync(environment, result.Outbox);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
