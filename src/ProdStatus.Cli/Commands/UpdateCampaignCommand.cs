using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat update-campaign CAMPAIGN_YAML [--campaign-issue KEY] [--campaign-name NAME] [--dry-run]</c>.</summary>
internal static class UpdateCampaignCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var yaml = new Argument<string>("CAMPAIGN_YAML") { Description = "The campaign yaml (read only; it is not rewritten)." };
        var issue = CampaignCommandOptions.CampaignIssue("The campaign issue (wins over the yaml's issue); without either, 'Campaign <name>' is found or created.");
        var name = CampaignCommandOptions.CampaignName("The campaign's name (wins over the yaml's name).", "NAME");
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("update-campaign", "Put a campaign into Jira: campaign and step issues, campaign.yaml, step.yaml and submit yamls, links.")
        {
            yaml, issue, name, dryRun,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string? key = CampaignCommandOptions.Key(parse, issue);
            JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            var result = await services.GetRequiredService<CampaignJob>().UpdateAsync(parse.GetValue(yaml)!, key, parse.GetValue(name), token);
            await environment.Out.WriteLineAsync($"{result.Issue}: campaign '{result.Name}' {(result.Created ? "created" : "existing")}, " +
                $"{(result.CampaignYamlChanged ? "campaign.yaml written" : "campaign.yaml unchanged")}");
            foreach (var step in result.Steps)
            {
                await CampaignCommandOptions.PrintStepAsync(environment, step, "  ");
            }
            await JiraCommandOptions.PrintOutboxAsync(environment, result.Outbox);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
