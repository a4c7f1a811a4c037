using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Bot.Worker;

/// <summary>What the bot does with DRP workflow issues: read their status, refresh them (update-stat), list the summary.</summary>
public sealed class DrpActions(JiraPublisher jira, UpdateStatJob updateStat, SummaryRepository summary, IOptions<JiraOptions> options)
{
    /// <summary>True when <paramref name="issueKey"/> is in the project of workflow issues (<c>ProdStatus:Jira:Project</c>).</summary>
    public bool IsDrpIssue(string issueKey) =>
        issueKey.StartsWith(options.Value.Project + "-", StringComparison.OrdinalIgnoreCase);

    public async Task<string> StatusAsync(string drpIssue, CancellationToken cancellationToken)
    {
        var issue = await jira.Api.GetIssueAsync(drpIssue, cancellationToken);
        var info = DrpIssueParser.Parse(issue.Description, issue.Summary);
        var s = info.Status;
        return $"*{issue.Key}* {Escape(issue.Summary)}\n" +
               string.Create(CultureInfo.InvariantCulture, $"tasks {s.Tasks}, files {s.Files}, finished {s.Finished}, failed {s.Failed}, subfinished {s.SubFinished}") +
               (info.HiLow.Length > 0 ? $" · {Escape(info.HiLow)}" : "");
    }

    /// <summary>update-stat for a DRP issue; the production issue is the one its description names.</summary>
    public async Task<UpdateStatResult> RefreshAsync(string drpIssue, CancellationToken cancellationToken)
    {
        var issue = await jira.Api.GetIssueAsync(drpIssue, cancellationToken);
        string production = DrpIssueParser.ProductionIssue(issue.Description) is { } key
            ? key.Value
            : throw new UserInputException($"{drpIssue}: the description names no production issue ('PanDA PREOPS: <KEY> link:'); run update-issue first");
        return await updateStat.RunAsync(production, issue.Key, maxTask: 0, cancellationToken);
    }

    public async Task<string> SummaryAsync(CancellationToken cancellationToken)
    {
        var rows = await summary.GetAllAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return "The workflow summary is empty (add-job-to-summary adds rows).";
        }
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{rows.Count} workflows* (newest first)\n```\n");
        foreach (var row in rows.OrderByDescending(r => r.Timestamp, StringComparer.Ordinal).Take(25))
        {
            var s = row.Status;
            text.Append(CultureInfo.InvariantCulture, $"{row.Timestamp} {row.ProductionIssue,-12} {row.DrpIssue,-9} {s.Tasks},{s.Files},{s.Finished},{s.Failed},{s.SubFinished}  {row.Description}\n");
        }
        return text.Append("```").ToString();
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
