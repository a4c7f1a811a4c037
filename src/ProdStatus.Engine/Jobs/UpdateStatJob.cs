using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// update-stat: refresh the statistics part of a DRP workflow issue, keeping its keyword header. Statistics are kept per
/// DRP issue; the window is the submission's own day (the original's "stop = today 00:00" hid same-day workflows); a
/// workflow PanDA does not know yet leaves an empty PanDA part instead of aborting.
/// </summary>
public sealed partial class UpdateStatJob(
    JiraPublisher jira, PandaStatService panda, IOptions<JiraOptions> options, IOptions<PandaOptions> pandaOptions,
    IButlerStatSource? butler = null)
{
    /// <param name="maxTask">Finished jobs sampled per task (0 = all); the original sampled 100.</param>
    public async Task<UpdateStatResult> RunAsync(string productionIssue, string drpIssue, int maxTask = 100, CancellationToken cancellationToken = default)
    {
        var issue = await jira.Api.GetIssueAsync(drpIssue, cancellationToken);
        var (_, ts) = DrpIssueParser.ParseSummary(issue.Summary);
        if (!WorkflowTimestamp.TryParse(ts, out var stamp))
        {
            throw new UserInputException($"{drpIssue}: summary '{issue.Summary}' has no <steps>#<campaign>/<YYYYMMDDTHHMMSSZ>; run update-issue first");
        }
        string history = $"drp:{issue.Key}";
        var text = new StringBuilder(DrpDescription.Header(issue.Description));

        string? butlerText = null;
        string? butlerProblem = butler is null ? "no Butler collector in this build" : null;
        if (butler is not null)
        {
            string? config = ButlerConfigLine().Match(issue.Description) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
            try
            {
                butlerText = await butler.GetButlerStatTextAsync(new ButlerStatRequest(productionIssue, issue.Key, config, stamp.Key, history), cancellationToken);
            }
            catch (ProdStatException ex)
            {
                // The PanDA part still gets written: one unreachable repository must not block the whole refresh.
                butlerProblem = ex.Message.Split('\n')[0].Trim();
            }
        }
        text.Append(butlerText ?? (butlerProblem is null ? "\n" : $"Butler statistics unavailable: {butlerProblem}\n"));

        string baseUrl = options.Value.PandaLinkBase is { Length: > 0 } b ? b : pandaOptions.Value.BaseUrl ?? "";
        text.Append("PanDA link:").Append(DrpDescription.PandaLink(baseUrl, stamp.Key)).Append('\n');
        var day = DateOnly.FromDateTime(stamp.Utc.UtcDateTime);
        var parameters = new PandaStatParams(productionIssue, [stamp.Key.ToLowerInvariant()], maxTask, day, day) { HistoryKey = history };
        var result = await panda.CollectAsync(parameters, cleanHistory: false, progress: null, cancellationToken);
        var workflow = result.Workflows.Where(w => w.Key == stamp.Key).OrderBy(w => w.CreatedUtc ?? DateTimeOffset.MaxValue).FirstOrDefault();
        string? status = null;
        if (workflow is null)
        {
            text.Append("\n\n");
        }
        else
        {
            text.Append(JiraWikiTableWriter.Write(result.TaskTable));
            var counts = new StatusCounts(workflow.TotalTasks, workflow.TotalFiles, workflow.TasksFinished, workflow.TasksFailed, workflow.TasksSubfinished);
            status = DrpIssueParser.StatusLine(workflow.Status, counts, workflow.RemainingFiles);
            text.Append(status).Append('\n');
        }
        bool changed = await jira.SetFieldsAsync(issue.Key, null, text.ToString(), $"update-stat-{stamp.Key}.txt", cancellationToken);
        return new UpdateStatResult(issue.Key, stamp.Key, butler is not null, butlerText is not null, workflow is not null, status, changed,
            jira.UsesOutbox ? jira.OutboxDir : null);
    }

    [GeneratedRegex("^butlerConfig:(.*)$", RegexOptions.Multiline)]
    private static partial Regex ButlerConfigLine();
}

public sealed record UpdateStatResult(string Issue, string Timestamp, bool ButlerAvailable, bool ButlerFound, bool PandaFound,
    string? StatusLine, bool Changed, string? Outbox);
