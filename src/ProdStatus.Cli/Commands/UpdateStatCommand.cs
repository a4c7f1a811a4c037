using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat update-stat PRODUCTION_ISSUE DRP_ISSUE [--replay DIR] [--dry-run]</c>.</summary>
internal static class UpdateStatCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var production = new Argument<string>("PRODUCTION_ISSUE") { Description = "The production ticket named in the PanDA request, e.g. PREOPS-905." };
        var drp = new Argument<string>("DRP_ISSUE") { Description = "The DRP workflow issue written by update-issue." };
        var replay = new Option<string?>("--replay") { Description = "Answer PanDA requests from DIR (made by get-panda-stat --record).", HelpName = "DIR" };
        var maxTask = new Option<int>("--maxtask") { Description = "Finished jobs sampled per task; 0 reads them all.", DefaultValueFactory = _ => 100 };
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("update-stat", "Refresh the Butler and PanDA statistics in a DRP issue (its keyword header is kept).")
        {
            production, drp, replay, maxTask, dryRun,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string p = IssueKey.Parse("PRODUCTION_ISSUE", parse.GetValue(production));
            if (string.Equals(parse.GetValue(drp)?.Trim(), UpdateIssueJob.NewIssue, StringComparison.OrdinalIgnoreCase))
            {
                throw new UserInputException("DRP_ISSUE: update-stat needs an existing DRP issue (DRP0 creates one only in update-issue)");
            }
            string d = IssueKey.Parse("DRP_ISSUE", parse.GetValue(drp));
            if (parse.GetValue(replay) is { } dir)
            {
                services.GetRequiredService<HttpTransport>().Replay(Directory.Exists(dir) ? dir : throw new UserInputException($"{dir}: replay folder not found"));
            }
            JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            int sample = parse.GetValue(maxTask) is >= 0 and var m ? m : throw new UserInputException("--maxtask must be 0 or more");
            var result = await services.GetRequiredService<UpdateStatJob>().RunAsync(p, d, sample, token);
            await environment.Out.WriteLineAsync($"{result.Issue}: statistics {(result.Changed ? "updated" : "unchanged")} ({result.Timestamp})");
            if (!result.ButlerAvailable)
            {
                await environment.Error.WriteLineAsync("warning: Butler statistics are unavailable in this build; only the PanDA part was refreshed");
            }
            if (!result.PandaFound)
            {
                await environment.Error.WriteLineAsync($"warning: PanDA has no workflow for {result.Timestamp} (yet); the PanDA part is empty");
            }
            await JiraCommandOptions.PrintOutboxAsync(environment, result.Outbox);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
