using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// add-job-to-summary and import-summary: rows live in the store; the summary issues (all workflows, step1 workflows)
/// are rendered from it after every change, so a repeated run writes nothing new.
/// </summary>
public sealed class SummaryJob(JiraPublisher jira, SummaryRepository repository, IOptions<JiraOptions> options)
{
    public async Task<SummaryResult> AddAsync(string productionIssue, string drpIssue, bool reset, CancellationToken cancellationToken = default)
    {
        string summaryIssue = RequireSummaryIssue();
        var issue = await jira.Api.GetIssueAsync(drpIssue, cancellationToken);
        var info = DrpIssueParser.Parse(issue.Description, issue.Summary);
        if (info.Timestamp == "0")
        {
            throw new UserInputException($"{issue.Key}: summary '{issue.Summary}' is not <steps>#<campaign>/<YYYYMMDDTHHMMSSZ>; run update-issue for it first");
        }
        var row = SummaryRow.From(productionIssue, issue.Key, info);
        if (reset)
        {
            await repository.ResetAsync(cancellationToken);
        }
        await repository.UpsertAsync([row], cancellationToken);
        return await PublishAsync(summaryIssue, added: 1, removed: 0, row, cancellationToken);
    }

    public async Task<SummaryResult> RemoveAsync(string productionIssue, string drpIssue, CancellationToken cancellationToken = default)
    {
        string summaryIssue = RequireSummaryIssue();
        int removed = await repository.RemoveAsync(productionIssue, drpIssue, cancellationToken);
        return await PublishAsync(summaryIssue, 0, removed, null, cancellationToken);
    }

    /// <summary><c>--reset</c> alone: empty the tables.</summary>
    public async Task<SummaryResult> ResetAsync(CancellationToken cancellationToken = default)
    {
        string summaryIssue = RequireSummaryIssue();
        await repository.ResetAsync(cancellationToken);
        return await PublishAsync(summaryIssue, 0, 0, null, cancellationToken);
    }

    /// <summary>Reads an original JSON store (or a rendered summary table) from a file or an issue description, once.</summary>
    public async Task<int> ImportAsync(string? file, string? issueKey, CancellationToken cancellationToken = default)
    {
        string source, text;
        if (file is not null)
        {
            source = Path.GetFullPath(OutputOptions.ExpandHome(file));
            text = File.Exists(source) ? await File.ReadAllTextAsync(source, cancellationToken) : throw new UserInputException($"{source}: file not found");
        }
        else
        {
            source = issueKey ?? options.Value.LegacyStoreIssue
                ?? throw new UserInputException($"import-summary needs --file PATH, --issue KEY or {JiraOptions.Section}:LegacyStoreIssue");
            text = (await jira.Api.GetIssueAsync(source, cancellationToken)).Description;
        }
        var rows = LegacySummary.Parse(text, source);
        await repository.UpsertAsync(rows, cancellationToken);
        return rows.Count;
    }

    private async Task<SummaryResult> PublishAsync(string summaryIssue, int added, int removed, SummaryRow? row, CancellationToken cancellationToken)
    {
        var rows = await repository.GetAllAsync(cancellationToken);
        string browse = options.Value.ResolveBrowseUrl();
        var written = new List<string>();
        if (await jira.SetFieldsAsync(summaryIssue, null, SummaryTables.All(rows, browse), "summary-all.txt", cancellationToken))
        {
            written.Add(summaryIssue);
        }
        if (options.Value.Step1SummaryIssue is { Length: > 0 } step1 &&
            await jira.SetFieldsAsync(step1, null, SummaryTables.Step1(rows, browse), "summary-step1.txt", cancellationToken))
        {
            written.Add(step1);
        }
        return new SummaryResult(rows.Count, added, removed, row, written, jira.UsesOutbox ? jira.OutboxDir : null);
    }

    private string RequireSummaryIssue() =>
        options.Value.SummaryIssue is { Length: > 0 } key
            ? key
            : throw new UserInputException($"{JiraOptions.Section}:SummaryIssue is not set (the issue holding the table of all workflows, formerly DRP-53)");
}

public sealed record SummaryResult(int Rows, int Added, int Removed, SummaryRow? Row, IReadOnlyList<string> IssuesWritten, string? Outbox);
