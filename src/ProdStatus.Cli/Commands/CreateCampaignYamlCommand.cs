using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat create-campaign-yaml CAMPAIGN_NAME CAMPAIGN_YAML [--campaign-issue KEY]</c>.</summary>
internal static class CreateCampaignYamlCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("CAMPAIGN_NAME") { Description = "The campaign's name (its issue is 'Campaign <name>')." };
        var yaml = new Argument<string>("CAMPAIGN_YAML") { Description = "The campaign yaml to write." };
        var issue = CampaignCommandOptions.CampaignIssue("Write that issue's campaign.yaml (reads Jira, writes nothing there); without one, a new campaign for this issue.");
        var command = new Command("create-campaign-yaml", "Write a campaign yaml: a new one with the default steps, or the one stored on a campaign issue.") { name, yaml, issue };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string? key = CampaignCommandOptions.Key(parse, issue);
            var result = await services.GetRequiredService<CampaignJob>().CreateYamlAsync(parse.GetValue(name)!, parse.GetValue(yaml)!, key, token);
            await environment.Out.WriteLineAsync($"{result.Path}: campaign '{result.Name}', {result.Steps} steps " +
                (result.Downloaded ? $"(campaign.yaml of {result.Issue})" : key is null ? "(new)" : $"(new: {key} has no campaign.yaml yet)"));
            if (result.Downloaded && result.Name != parse.GetValue(name))
            {
                await environment.Error.WriteLineAsync($"warning: {result.Issue} names the campaign '{result.Name}', not '{parse.GetValue(name)}'");
            }
            await CampaignCommandOptions.WarnIfOfflineAsync(environment, services, key);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
