using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat map-drp-steps MAP_YAML STEP_ISSUE CAMPAIGN_FLAG [--dry-run]</c>.</summary>
internal static class MapDrpStepsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var map = new Argument<string>("MAP_YAML") { Description = "{bps_yaml: DRP-key} (step form) or {step: [issue, start, end, core-hr, status]} (campaign form)." };
        var step = new Argument<string>("STEP_ISSUE") { Description = "The step or campaign issue whose description becomes the table." };
        var flag = new Argument<string>("CAMPAIGN_FLAG") { Description = "0: step form; anything else: campaign form." };
        var link = new Option<bool>("--link") { Description = "Also link STEP_ISSUE to each issue of the map (Relates), once." };
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("map-drp-steps", "Write a step (or campaign) table into an issue and attach the map yaml.") { map, step, flag, link, dryRun };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string key = IssueKey.Parse("STEP_ISSUE", parse.GetValue(step));
            JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            var result = await services.GetRequiredService<MapDrpStepsJob>().RunAsync(parse.GetValue(map)!, key, parse.GetValue(flag)!, parse.GetValue(link), token);
            await environment.Out.WriteLineAsync($"{result.Issue}: {result.Mode} table of {result.Rows} rows " +
                $"({(result.DescriptionChanged ? "description written" : "description unchanged")}, " +
                $"{(result.AttachmentChanged ? "map attached" : "attachment unchanged")}, {result.LinksCreated} link(s) created)");
            await JiraCommandOptions.PrintOutboxAsync(environment, result.Outbox);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
