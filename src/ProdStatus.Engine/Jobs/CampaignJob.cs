using Microsoft.Extensions.Options;
using ProdStatus.Engine.Campaigns;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Publish.Jira;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// create-campaign-yaml and update-campaign over the data model of the original (campaign.yaml on a
/// <c>Campaign &lt;name&gt;</c> issue, step.yaml and submit yamls on <c>Step &lt;name&gt;</c> issues, Relates links),
/// without its side effects: reading writes nothing, links are made once, a repeated run changes nothing.
/// </summary>
public sealed class CampaignJob(CampaignIssues issues, StepPublisher steps, IOptions<CampaignOptions> options)
{
    /// <summary>Writes CAMPAIGN_YAML: the issue's <c>campaign.yaml</c> when it has one, otherwise a new campaign with the
    /// configured default steps (and the issue, if given, so update-campaign uses it).</summary>
    public async Task<CampaignYamlResult> CreateYamlAsync(string campaignName, string campaignYaml, string? campaignIssue,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(campaignName))
        {
            throw new UserInputException("CAMPAIGN_NAME: must not be empty");
        }
        string path = Path.GetFullPath(OutputOptions.ExpandHome(campaignYaml));
        var stored = campaignIssue is null ? null : await issues.ReadCampaignAsync(campaignIssue, cancellationToken);
        var spec = stored is not null
            ? stored with { Issue = campaignIssue, Name = stored.Name ?? campaignName }
            : CampaignSpec.Template(campaignName, campaignIssue, options.Value.ResolveDefaultSteps());
        await AtomicFile.WriteAllTextAsync(path, CampaignYaml.Write(spec), cancellationToken);
        return new CampaignYamlResult(path, spec.Name!, spec.Issue, spec.Steps.Count, stored is not null);
    }

    /// <param name="campaignIssue">Wins over the yaml's <c>issue</c>; with neither, the <c>Campaign &lt;name&gt;</c> issue
    /// is looked up by summary and created only when absent.</param>
    /// <param name="campaignName">Wins over the yaml's <c>name</c>.</param>
    public async Task<CampaignResult> UpdateAsync(string campaignYaml, string? campaignIssue, string? campaignName,
        CancellationToken cancellationToken = default)
    {
        string path = Path.GetFullPath(OutputOptions.ExpandHome(campaignYaml));
        var local = CampaignYaml.Load(path);
        string name = campaignName?.Trim() is { Length: > 0 } n ? n
            : local.Name ?? throw UserInputException.ForField(path, "name", "is required (or give --campaign-name)");
        for (int i = 0; i < local.Steps.Count; i++)
        {
            if (local.Steps[i].WorkflowBase is { Length: > 0 } dir && !Directory.Exists(OutputOptions.ExpandHome(dir)))
            {
                throw UserInputException.ForField(path, $"steps[{i}].workflow_base", $"{dir}: directory not found");
            }
        }
        string summary = CampaignIssues.CampaignSummary(name);
        string? key = campaignIssue ?? local.Issue ?? await issues.FindBySummaryAsync(summary, cancellationToken);
        var stored = key is null ? null : await issues.ReadCampaignAsync(key, cancellationToken);

        var plans = new List<StepPlan>();
        for (int i = 0; i < local.Steps.Count; i++)
        {
            var s = local.Steps[i];
            string? stepIssue = s.IssueName ?? stored?.Steps.FirstOrDefault(t => t.Name == s.Name)?.IssueName;
            var target = new StepTarget(s.Name, stepIssue, key, OutputOptions.ExpandHome(s.WorkflowBase), [], CampaignSpec.NoExtra);
            plans.Add(await steps.PrepareAsync(target, $"{path}: steps[{i}]", cancellationToken));
        }

        bool created = key is null;
        key ??= await issues.CreateAsync(summary, ct => issues.FindBySummaryAsync(summary, ct), cancellationToken);
        var results = new List<StepResult>();
        foreach (var plan in plans)
        {
            results.Add(await steps.ApplyAsync(plan, key, cancellationToken));
        }
        var entries = local.Steps.Zip(results, (s, r) => s with { IssueName = r.Issue, CampaignIssue = key })
            .Concat(stored?.Steps.Where(t => local.Steps.All(s => s.Name != t.Name)) ?? [])
            .ToList();
        var spec = new CampaignSpec(name, key, entries, Overlay(stored?.Extra, local.Extra));
        var upload = new JiraUpload(CampaignSpec.AttachmentName, System.Text.Encoding.UTF8.GetBytes(CampaignYaml.Write(spec)), "text/yaml");
        bool changed = await issues.Publisher.ReplaceAttachmentAsync(key, upload, cancellationToken);
        var jira = issues.Publisher;
        return new CampaignResult(key, name, created, changed, results, jira.UsesOutbox ? jira.OutboxDir : null);
    }

    private static Dictionary<string, YamlNode> Overlay(IReadOnlyDictionary<string, YamlNode>? under, IReadOnlyDictionary<string, YamlNode> over)
    {
        var merged = new Dictionary<string, YamlNode>(under ?? CampaignSpec.NoExtra, StringComparer.Ordinal);
        foreach (var (k, v) in over)
        {
            merged[k] = v;
        }
        return merged;
    }
}

public sealed record CampaignYamlResult(string Path, string Name, string? Issue, int Steps, bool Downloaded);

/// <param name="Steps">Per step of the local yaml, in its order; steps only the stored campaign.yaml lists are kept there untouched.</param>
public sealed record CampaignResult(string Issue, string Name, bool Created, bool CampaignYamlChanged, IReadOnlyList<StepResult> Steps, string? Outbox);
