using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat create-step-yaml STEP_YAML STEP_NAME WORKFLOW_DIR [--step-issue KEY] [--campaign-issue KEY]</c>.</summary>
internal static class CreateStepYamlCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var yaml = new Argument<string>("STEP_YAML") { Description = "The step yaml to write." };
        var name = new Argument<string>("STEP_NAME") { Description = "The step, e.g. step1: WORKFLOW_DIR's <STEP_NAME>*.yaml files are its submissions." };
        var dir = new Argument<string>("WORKFLOW_DIR") { Description = "The folder of the step's bps submit yamls." };
        var stepIssue = CampaignCommandOptions.StepIssue("Write that issue's step.yaml instead (reads Jira, writes nothing there).");
        var campaignIssue = CampaignCommandOptions.CampaignIssue("The campaign issue the step belongs to.");
        var command = new Command("create-step-yaml", "Write a step yaml listing a step's submit yamls, or the one stored on a step issue.")
        {
            yaml, name, dir, stepIssue, campaignIssue,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            string? step = CampaignCommandOptions.Key(parse, stepIssue);
            string? campaign = CampaignCommandOptions.Key(parse, campaignIssue);
            var result = await services.GetRequiredService<StepJob>().CreateYamlAsync(parse.GetValue(yaml)!, parse.GetValue(name)!, parse.GetValue(dir)!,
                step, campaign, token);
            await environment.Out.WriteLineAsync($"{result.Path}: step '{result.Name}', {result.Workflows} workflows " +
                (result.Downloaded ? $"(step.yaml of {result.Issue})" : "(from the folder)"));
            await CampaignCommandOptions.WarnIfOfflineAsync(environment, services, step);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
