using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Engine.Campaigns;

/// <summary>
/// The Jira side of the campaign model: reads <c>campaign.yaml</c> / <c>step.yaml</c> attachments (reading never
/// writes), finds or creates <c>Campaign &lt;name&gt;</c> and <c>Step &lt;name&gt;</c> issues, links them once.
/// </summary>
public sealed class CampaignIssues(JiraPublisher jira, IOptions<JiraOptions> jiraOptions, IOptions<CampaignOptions> options)
{
    public JiraPublisher Publisher => jira;

    public static string CampaignSummary(string name) => $"Campaign {name}";

    public static string StepSummary(string name) => $"Step {name}";

    public async Task<CampaignSpec?> ReadCampaignAsync(string key, CancellationToken cancellationToken) =>
        await ReadAttachmentAsync(key, CampaignSpec.AttachmentName, cancellationToken) is { } bytes
            ? CampaignYaml.Parse($"{key}/{CampaignSpec.AttachmentName}", bytes)
            : null;

    public async Task<StepSpec?> ReadStepAsync(string key, CancellationToken cancellationToken) =>
        await ReadAttachmentAsync(key, StepSpec.AttachmentName, cancellationToken) is { } bytes
            ? StepYaml.Parse($"{key}/{StepSpec.AttachmentName}", bytes)
            : null;

    /// <summary>The newest attachment called exactly <paramref name="fileName"/>, or null.</summary>
    public async Task<byte[]?> ReadAttachmentAsync(string key, string fileName, CancellationToken cancellationToken)
    {
        var issue = await jira.Api.GetIssueAsync(key, cancellationToken);
        var newest = issue.Attachments.Where(a => a.FileName == fileName)
            .OrderByDescending(a => a.Created ?? DateTimeOffset.MinValue)
            .ThenByDescending(a => long.TryParse(a.Id, out long id) ? id : 0)
            .FirstOrDefault();
        return newest is null ? null : await jira.Api.DownloadAttachmentAsync(newest.Id, cancellationToken);
    }

    /// <summary>The issue of the configured project whose summary is exactly <paramref name="summary"/> (the oldest of several).</summary>
    public async Task<string?> FindBySummaryAsync(string summary, CancellationToken cancellationToken)
    {
        string jql = $"project = {Jql.Quote(jiraOptions.Value.Project)} AND summary ~ {Jql.Quote(summary)}";
        foreach (string key in await jira.Api.SearchAsync(jql, 50, cancellationToken))
        {
            if ((await jira.Api.GetIssueAsync(key, cancellationToken)).Summary == summary)
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>The issue linked to <paramref name="campaignKey"/> whose summary is exactly <paramref name="summary"/>.</summary>
    public async Task<string?> FindLinkedAsync(string campaignKey, string summary, CancellationToken cancellationToken)
    {
        var campaign = await jira.Api.GetIssueAsync(campaignKey, cancellationToken);
        foreach (string key in campaign.Links.Select(l => Other(l, campaign.Key)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if ((await jira.Api.GetIssueAsync(key, cancellationToken)).Summary == summary)
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>Creates an issue (summary = description, as the original). After an ambiguous failure it is not sent
    /// again blindly: <paramref name="find"/> looks for it first.</summary>
    public async Task<string> CreateAsync(string summary, Func<CancellationToken, Task<string?>> find, CancellationToken cancellationToken)
    {
        var o = jiraOptions.Value;
        try
        {
            return await jira.Api.CreateIssueAsync(new JiraNewIssue(o.Project, o.IssueType, summary, summary, o.Components), cancellationToken);
        }
        catch (JiraException ex) when (ex.Ambiguous)
        {
            return await find(cancellationToken) ?? throw new UpstreamException("Jira",
                $"issue '{summary}' may or may not have been created ({ex.Message}); if project {o.Project} now has it, pass its key, otherwise run again", ex);
        }
    }

    /// <summary>Links the campaign to the step once: a link of the configured type in either direction already counts.</summary>
    public async Task<bool> EnsureLinkAsync(string campaignKey, string stepKey, CancellationToken cancellationToken)
    {
        string type = options.Value.LinkType;
        var campaign = await jira.Api.GetIssueAsync(campaignKey, cancellationToken);
        if (campaign.Links.Any(l => string.Equals(l.TypeName, type, StringComparison.OrdinalIgnoreCase) &&
                                    string.Equals(Other(l, campaign.Key), stepKey, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        return await jira.EnsureLinkAsync(type, campaignKey, stepKey, cancellationToken);
    }

    private static string? Other(JiraIssueLink link, string self) =>
        string.Equals(link.InwardKey, self, StringComparison.OrdinalIgnoreCase) ? link.OutwardKey : link.InwardKey;
}
