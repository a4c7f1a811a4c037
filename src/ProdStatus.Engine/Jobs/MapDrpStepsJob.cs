using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// map-drp-steps: the step (flag <c>0</c>) or campaign (any other flag) table into STEP_ISSUE's description, and the map
/// yaml attached (replacing the attachment of exactly that name). Rows keep file order; entries are not merged by
/// timestamp (the original let two issues without a timestamp overwrite each other).
/// </summary>
public sealed class MapDrpStepsJob(JiraPublisher jira, IOptions<JiraOptions> options)
{
    /// <param name="link">Also link STEP_ISSUE to each issue of the map ("Relates"), once: a repeated run adds no duplicate.</param>
    public async Task<MapDrpStepsResult> RunAsync(string mapYaml, string stepIssue, string campaignFlag, bool link = false,
        CancellationToken cancellationToken = default)
    {
        string path = Path.GetFullPath(OutputOptions.ExpandHome(mapYaml));
        if (!File.Exists(path))
        {
            throw new UserInputException($"{mapYaml}: map yaml not found");
        }
        string browse = options.Value.ResolveBrowseUrl();
        bool stepMode = campaignFlag.Trim() == "0";
        string table;
        int rows;
        var linked = new List<string>();
        if (stepMode)
        {
            var entries = StepMap.ReadStepForm(path);
            var parsed = new List<(string, string, DrpIssueInfo)>();
            foreach (var (bps, key) in entries)
            {
                var issue = await jira.Api.GetIssueAsync(key, cancellationToken);
                parsed.Add((bps, key, DrpIssueParser.Parse(issue.Description, issue.Summary)));
            }
            table = StepMap.StepTable(parsed, browse);
            rows = parsed.Count;
            linked.AddRange(entries.Select(e => e.Issue));
        }
        else
        {
            var entries = StepMap.ReadCampaignForm(path);
            table = StepMap.CampaignTable(entries, browse);
            rows = entries.Count;
            linked.AddRange(entries.Select(e => e.Issue));
        }
        bool described = await jira.SetFieldsAsync(stepIssue, null, table, $"{Path.GetFileNameWithoutExtension(path)}-table.txt", cancellationToken);
        var upload = new JiraUpload(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken), "text/yaml");
        bool attached = await jira.ReplaceAttachmentAsync(stepIssue, upload, cancellationToken);
        int links = 0;
        foreach (string issue in link ? linked.Distinct(StringComparer.OrdinalIgnoreCase) : [])
        {
            links += await jira.EnsureLinkAsync("Relates", stepIssue, issue, cancellationToken) ? 1 : 0;
        }
        return new MapDrpStepsResult(stepIssue, stepMode ? "step" : "campaign", rows, described, attached, links, jira.UsesOutbox ? jira.OutboxDir : null);
    }
}

public sealed record MapDrpStepsResult(string Issue, string Mode, int Rows, bool DescriptionChanged, bool AttachmentChanged, int LinksCreated,
    string? Outbox);
