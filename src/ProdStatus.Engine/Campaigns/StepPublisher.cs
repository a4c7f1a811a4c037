using System.Text;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Jira;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Campaigns;

/// <summary>
/// Puts one step into Jira in two phases: <see cref="PrepareAsync"/> reads everything (the step yaml stored on the step
/// issue, the workflow folder, the submit yamls) and writes nothing, so bad input fails before the first write;
/// <see cref="ApplyAsync"/> finds or creates the <c>Step &lt;name&gt;</c> issue, attaches the submit yamls and
/// <c>step.yaml</c> (each replacing the attachment of that name, an identical one left alone) and links the campaign once.
/// </summary>
public sealed class StepPublisher(CampaignIssues issues)
{
    /// <param name="label">How errors name the step's source, e.g. <c>step.yaml</c> or <c>campaign.yaml: steps[2]</c>.</param>
    public async Task<StepPlan> PrepareAsync(StepTarget target, string label, CancellationToken cancellationToken)
    {
        string baseDir = OutputOptions.ExpandHome(target.WorkflowBase);
        var scanned = baseDir.Length > 0 ? StepWorkflows.Scan(baseDir, target.Name, $"{label}: workflow_base") : [];
        var stored = target.Issue is null ? null : await issues.ReadStepAsync(target.Issue, cancellationToken);
        var kept = StepWorkflows.Merge(stored?.Workflows ?? [], target.Workflows, []);
        var workflows = StepWorkflows.Merge(kept, [], scanned);
        var uploads = new List<JiraUpload>();
        var missing = new List<string>();
        foreach (var w in workflows)
        {
            if (File.Exists(w.BpsPath))
            {
                uploads.Add(new JiraUpload(w.BpsConfig, await File.ReadAllBytesAsync(w.BpsPath, cancellationToken), "text/yaml"));
            }
            else
            {
                missing.Add(w.BpsPath);
            }
        }
        var extra = new Dictionary<string, YamlNode>(stored?.Extra ?? CampaignSpec.NoExtra, StringComparer.Ordinal);
        foreach (var (key, value) in target.Extra)
        {
            extra[key] = value;
        }
        string workflowBase = baseDir.Length > 0 ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDir)) : stored?.WorkflowBase ?? "";
        return new StepPlan(target.Name, target.Issue, target.CampaignIssue ?? stored?.CampaignIssue, workflowBase, workflows, extra,
            uploads, missing, workflows.Count - kept.Count);
    }

    /// <param name="campaignIssue">The campaign the step belongs to, when the caller knows it only now (a new campaign issue).</param>
    public async Task<StepResult> ApplyAsync(StepPlan plan, string? campaignIssue, CancellationToken cancellationToken)
    {
        string? campaign = campaignIssue ?? plan.CampaignIssue;
        string summary = CampaignIssues.StepSummary(plan.Name);
        Task<string?> FindAsync(CancellationToken ct) => campaign is null ? Task.FromResult<string?>(null) : issues.FindLinkedAsync(campaign, summary, ct);
        string? key = plan.Issue ?? await FindAsync(cancellationToken);
        bool created = key is null;
        key ??= await issues.CreateAsync(summary, FindAsync, cancellationToken);
        bool linked = false;
        if (created && campaign is not null)
        {
            // Linked at once, so a run interrupted before campaign.yaml is written finds this issue again.
            linked = await issues.EnsureLinkAsync(campaign, key, cancellationToken);
        }
        var jira = issues.Publisher;
        int attached = 0;
        foreach (var upload in plan.Uploads)
        {
            attached += await jira.ReplaceAttachmentAsync(key, upload, cancellationToken) ? 1 : 0;
        }
        var spec = new StepSpec(plan.Name, key, campaign, plan.WorkflowBase, plan.Workflows, plan.Extra);
        var yaml = new JiraUpload(StepSpec.AttachmentName, Encoding.UTF8.GetBytes(StepYaml.Write(spec)), "text/yaml");
        bool yamlChanged = await jira.ReplaceAttachmentAsync(key, yaml, cancellationToken);
        if (!created && campaign is not null)
        {
            linked = await issues.EnsureLinkAsync(campaign, key, cancellationToken);
        }
        return new StepResult(plan.Name, key, created, yamlChanged, attached, plan.Workflows.Count, plan.WorkflowsAdded, plan.MissingFiles, campaign, linked);
    }
}

/// <summary>What a step should become: from a step yaml (update-step) or a campaign's step entry (update-campaign).</summary>
public sealed record StepTarget(string Name, string? Issue, string? CampaignIssue, string WorkflowBase, IReadOnlyList<WorkflowEntry> Workflows,
    IReadOnlyDictionary<string, YamlNode> Extra);

/// <summary>A step read and checked, nothing written yet.</summary>
/// <param name="MissingFiles">Submit yamls listed but not on this machine: kept in step.yaml, not attached.</param>
public sealed record StepPlan(string Name, string? Issue, string? CampaignIssue, string WorkflowBase, IReadOnlyList<WorkflowEntry> Workflows,
    IReadOnlyDictionary<string, YamlNode> Extra, IReadOnlyList<JiraUpload> Uploads, IReadOnlyList<string> MissingFiles, int WorkflowsAdded);

/// <param name="BpsAttached">Submit yamls uploaded this run (unchanged ones are not sent again).</param>
/// <param name="Linked">True when the campaign link was created this run.</param>
public sealed record StepResult(string Name, string Issue, bool Created, bool StepYamlChanged, int BpsAttached, int Workflows, int WorkflowsAdded,
    IReadOnlyList<string> MissingFiles, string? CampaignIssue, bool Linked);
