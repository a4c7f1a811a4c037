using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat update-issue BPS_SUBMIT_YAML PRODUCTION_ISSUE [DRP_ISSUE|DRP0] [--ts TS] [--json] [--dry-run]</c>.</summary>
internal static class UpdateIssueCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(CliEnvironment environment)
    {
        var yaml = new Argument<string>("BPS_SUBMIT_YAML") { Description = "The submit yaml given to bps submit; its submit/ tree is read." };
        var production = new Argument<string>("PRODUCTION_ISSUE") { Description = "The production ticket, e.g. PREOPS-905." };
        var drp = new Argument<string>("DRP_ISSUE") { Description = "The DRP issue to overwrite, or DRP0 to create one.", DefaultValueFactory = _ => UpdateIssueJob.NewIssue };
        var ts = new Option<string?>("--ts") { Description = "Submission timestamp YYYYMMDDTHHMMSSZ (default: the newest).", HelpName = "TIMESTAMP" };
        var json = JiraCommandOptions.Json();
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("update-issue", "Create or overwrite the DRP issue describing one bps submit.") { yaml, production, drp, ts, json, dryRun };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string p = IssueKey.Parse("PRODUCTION_ISSUE", parse.GetValue(production));
            string d = parse.GetValue(drp) is { } given && given.Trim().Equals(UpdateIssueJob.NewIssue, StringComparison.OrdinalIgnoreCase)
                ? UpdateIssueJob.NewIssue
                : IssueKey.Parse("DRP_ISSUE", parse.GetValue(drp));
            string? stamp = parse.GetValue(ts) is { } t && t != "0" ? t : null;
            JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            var result = await services.GetRequiredService<UpdateIssueJob>().RunAsync(
                parse.GetValue(yaml)!, p, d, stamp, Environment.GetEnvironmentVariable, token);
            if (parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            }
            else
            {
                await environment.Out.WriteLineAsync(result.Issue);
                await environment.Error.WriteLineAsync(
                    $"{result.Issue}: {(result.Created ? "created" : result.Changed ? "updated" : "unchanged")}, summary '{result.Summary}', {result.TaskRows} task rows");
            }
            await JiraCommandOptions.PrintOutboxAsync(environment, result.Outbox);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
