using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat update-step STEP_YAML [--step-issue KEY] [--campaign-name KEY|NAME] [--step-name NAME] [--dry-run]</c>.</summary>
internal static class UpdateStepCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var yaml = new Argument<string>("STEP_YAML") { Description = "The step yaml (read only; it is not rewritten)." };
        var stepIssue = CampaignCommandOptions.StepIssue("The step issue (wins over the yaml's issue_name); without either, 'Step <name>' is created.");
        var campaign = CampaignCommandOptions.CampaignName("The campaign: its issue key, or its name ('Campaign <name>' is looked up). Linked once.", "KEY|NAME");
        var stepName = CampaignCommandOptions.StepName();
        var dryRun = JiraCommandOptions.DryRun();
        var command = new Command("update-step", "Put a step into Jira: step issue, step.yaml, one attachment per submit yaml, link to the campaign.")
        {
            yaml, stepIssue, campaign, stepName, dryRun,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string? key = CampaignCommandOptions.Key(parse, stepIssue);
            var connection = JiraCommandOptions.Connect(services, parse.GetValue(dryRun));
            var result = await services.GetRequiredService<StepJob>().UpdateAsync(parse.GetValue(yaml)!, key, parse.GetValue(campaign), parse.GetValue(stepName), token);
            await CampaignCommandOptions.PrintStepAsync(environment, result, "");
            await JiraCommandOptions.PrintOutboxAsync(environment, connection.UsesOutbox ? connection.OutboxDir : null);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
