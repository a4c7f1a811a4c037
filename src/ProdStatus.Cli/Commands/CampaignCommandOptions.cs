using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain;

namespace ProdStatus.Cli.Commands;

/// <summary>Options of the campaign and step commands; the original's underscore spellings are aliases.</summary>
internal static class CampaignCommandOptions
{
    public static Option<string?> CampaignIssue(string description) => new("--campaign-issue", "--campaign_issue") { Description = description, HelpName = "KEY" };

    public static Option<string?> StepIssue(string description) => new("--step-issue", "--step_issue") { Description = description, HelpName = "KEY" };

    public static Option<string?> CampaignName(string description, string helpName) => new("--campaign-name", "--campaign_name") { Description = description, HelpName = helpName };

    public static Option<string?> StepName() => new("--step-name", "--step_name")
    {
        Description = "The step's name (wins over the yaml's name).",
        HelpName = "NAME",
    };

    /// <summary>An optional issue key option, checked and upper-cased.</summary>
    public static string? Key(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } value ? IssueKey.Parse(option.Name, value) : null;

    /// <summary>Without Jira credentials nothing can be read from Jira: say so rather than pretend the issue is empty.</summary>
    public static async Task WarnIfOfflineAsync(CliEnvironment environment, IServiceProvider services, string? key)
    {
        if (key is not null && !services.GetRequiredService<IOptions<JiraOptions>>().Value.HasCredentials)
        {
            await environment.Error.WriteLineAsync($"warning: Jira is not configured (ProdStatus:Jira): {key} was not read");
        }
    }

    public static async Task PrintStepAsync(CliEnvironment environment, Engine.Campaigns.StepResult step, string indent)
    {
        await environment.Out.WriteLineAsync($"{indent}{step.Name} {step.Issue}: {(step.Created ? "created" : "existing")}, " +
            $"{step.Workflows} workflows ({step.WorkflowsAdded} new), " +
            $"{(step.StepYamlChanged ? "step.yaml written" : "step.yaml unchanged")}, {step.BpsAttached} submit yamls attached" +
            (step.CampaignIssue is null ? "" : step.Linked ? $", linked to {step.CampaignIssue}" : $", already linked to {step.CampaignIssue}"));
        foreach (string file in step.MissingFiles)
        {
            await environment.Error.WriteLineAsync($"warning: {step.Name}: {file} not found here: kept in step.yaml, not attached");
        }
    }
}
