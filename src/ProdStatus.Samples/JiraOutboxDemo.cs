using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Engine.Publish.Jira.Outbox;

namespace ProdStatus.Samples;

/// <summary>
/// Entry point for <c>prodstat demo</c>: the Jira part of a production run written to an outbox folder, never to Jira —
/// the DRP issue update-issue would create, the summary tables add-job-to-summary would render, and the comments and
/// attachments report-to-jira would post. Needs <c>ProdStatus:Jira:SummaryIssue</c> (any key; nothing is sent).
/// </summary>
public sealed class JiraOutboxDemo(JiraConnection connection, UpdateIssueJob updateIssue, SummaryJob summary, ReportToJiraJob reportJob)
{
    /// <param name="outboxDir">Folder for the requests; call before anything else has used Jira in this process.</param>
    /// <param name="statistics">Statistics files to post (e.g. <c>pandaStat-&lt;Jira&gt;.txt</c> from get-panda-stat); may be null.</param>
    public async Task<JiraOutboxDemoResult> RunAsync(string outboxDir, string bpsYaml, string productionIssue, ReportToJiraParams? statistics,
        Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        connection.DryRun = true;
        connection.OutboxDirOverride = outboxDir;
        var issue = await updateIssue.RunAsync(bpsYaml, productionIssue, UpdateIssueJob.NewIssue, null, environment, cancellationToken);
        var table = await summary.AddAsync(productionIssue, issue.Issue, reset: false, cancellationToken);
        ReportToJiraResult? posted = statistics is null ? null : await reportJob.RunAsync(statistics, cancellationToken);
        return new JiraOutboxDemoResult(issue, table, posted, connection.OutboxDir, OutboxEntries.Read(connection.OutboxDir));
    }

    /// <summary>The same on the bundled sample (<see cref="SampleSubmitTree"/>, written under <paramref name="root"/>),
    /// posting the given statistics files of the sample campaign as report-to-jira would.</summary>
    public async Task<JiraOutboxDemoResult> RunSampleAsync(string root, string outboxDir, IReadOnlyList<ReportComment> comments,
        IReadOnlyList<string> attachments, CancellationToken cancellationToken = default)
    {
        var (yaml, environment) = SampleSubmitTree.Write(Path.Combine(root, "submit-sample"));
        var report = comments.Count + attachments.Count > 0
            ? new ReportToJiraParams(null, SampleSubmitTree.ProductionIssue, comments, attachments)
            : null;
        return await RunAsync(outboxDir, yaml, SampleSubmitTree.ProductionIssue, report, environment, cancellationToken);
    }
}

public sealed record JiraOutboxDemoResult(UpdateIssueResult Issue, SummaryResult Summary, ReportToJiraResult? Report, string Outbox,
    IReadOnlyList<OutboxEntry> Entries);
