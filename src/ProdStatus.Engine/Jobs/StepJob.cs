using ProdStatus.Engine.Campaigns;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// create-step-yaml and update-step. Reading a step from Jira never writes to it; update-step keeps the workflows the
/// stored and the local step yaml already list and adds the step's submit yamls found in <c>workflow_base</c>.
/// </summary>
public sealed class StepJob(CampaignIssues issues, StepPublisher publisher)
{
    /// <summary>Writes STEP_YAML: the <c>step.yaml</c> of <paramref name="stepIssue"/> when it has one, otherwise a new
    /// step listing the submit yamls of <paramref name="workflowDir"/> that belong to <paramref name="stepName"/>.</summary>
    public async Task<StepYamlResult> CreateYamlAsync(string stepYaml, string stepName, string workflowDir, string? stepIssue, string? campaignIssue,
        CancellationToken cancellationToken = default)
    {
        if (!StepNames.IsValid(stepName))
        {
            throw new UserInputException($"STEP_NAME: '{stepName}' is not a step name (one word, no '/')");
        }
        string path = Path.GetFullPath(OutputOptions.ExpandHome(stepYaml));
        var stored = stepIssue is null ? null : await issues.ReadStepAsync(stepIssue, cancellationToken);
        string dir = OutputOptions.ExpandHome(workflowDir);
        var spec = stored is not null
            ? stored with { Name = stored.Name ?? stepName, IssueName = stepIssue, CampaignIssue = campaignIssue ?? stored.CampaignIssue }
            : new StepSpec(stepName, stepIssue, campaignIssue, Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)),
                StepWorkflows.Scan(dir, stepName, "WORKFLOW_DIR"), CampaignSpec.NoExtra);
        await AtomicFile.WriteAllTextAsync(path, StepYaml.Write(spec), cancellationToken);
        return new StepYamlResult(path, spec.Name!, spec.IssueName, spec.Workflows.Count, stored is not null);
    }

    /// <param name="campaign">The campaign issue key, or a campaign name whose <c>Campaign &lt;name&gt;</c> issue is looked up.</param>
    /// <param name="stepIssue">Wins over the yaml's <c>issue_name</c>; with neither, a <c>Step &lt;name&gt;</c> issue is created.</param>
    /// <param name="stepName">Wins over the yaml's <c>name</c>.</param>
    public async Task<StepResult> UpdateAsync(string stepYaml, string? stepIssue, string? campaign, string? stepName,
        CancellationToken cancellationToken = default)
    {
        string path = Path.GetFullPath(OutputOptions.ExpandHome(stepYaml));
        var local = StepYaml.Load(path);
        if (stepName is not null && !StepNames.IsValid(stepName))
        {
            throw new UserInputException($"--step-name: '{stepName}' is not a step name (one word, no '/')");
        }
        string name = stepName ?? local.Name ?? throw UserInputException.ForField(path, "name", "is required (or give --step-name)");
        string? campaignKey = campaign is null ? local.CampaignIssue : await ResolveCampaignAsync(campaign, cancellationToken);
        var target = new StepTarget(name, stepIssue ?? local.IssueName, campaignKey, local.WorkflowBase, local.Workflows, local.Extra);
        var plan = await publisher.PrepareAsync(target, path, cancellationToken);
        return await publisher.ApplyAsync(plan, null, cancellationToken);
    }

    private async Task<string> ResolveCampaignAsync(string campaign, CancellationToken cancellationToken)
    {
        string trimmed = campaign.Trim();
        if (Domain.IssueKey.TryParse(trimmed, out var key))
        {
            return key.Value;
        }
        if (trimmed.Length == 0)
        {
            throw new UserInputException("--campaign-name: must not be empty");
        }
        string summary = CampaignIssues.CampaignSummary(trimmed);
        return await issues.FindBySummaryAsync(summary, cancellationToken)
            ?? throw new UserInputException($"--campaign-name: no issue '{summary}' found; give the campaign issue key or run update-campaign first");
    }
}

/// <param name="Downloaded">True when the yaml came from the issue's <c>step.yaml</c>.</param>
public sealed record StepYamlResult(string Path, string Name, string? Issue, int Workflows, bool Downloaded);
