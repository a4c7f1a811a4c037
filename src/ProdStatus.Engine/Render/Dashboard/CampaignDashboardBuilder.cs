using Microsoft.Extensions.Options;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Failures;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>Reads one campaign from the store (never from PanDA) and assembles its <see cref="CampaignDashboard"/>.</summary>
public sealed class CampaignDashboardBuilder(
    PandaStatsRepository panda,
    PandaJobTimesRepository times,
    ButlerStatsRepository butler,
    PandaFailureRepository failures,
    CampaignReportBuilder reports,
    IOptions<ReportOptions> reportOptions,
    IOptions<PandaOptions> pandaOptions)
{
    /// <summary>The campaign stored under <paramref name="issue"/>, or null when the store has nothing for it.</summary>
    public async Task<CampaignDashboard?> BuildAsync(string issue, CancellationToken cancellationToken = default) =>
        (await BuildAsync(issue, null, cancellationToken))?.Dashboard;

    /// <summary>As above; with <paramref name="jobs"/> (the job times summarised by an earlier build, when the store's job
    /// times have not changed since) the job rows are not read again.</summary>
    public async Task<DashboardBuild?> BuildAsync(string issue, JobSeries? jobs, CancellationToken cancellationToken)
    {
        string jira = DashboardLinks.Normalize(issue);
        var workflows = await panda.GetWorkflowsAsync(jira, cancellationToken);
        var tasks = await panda.GetTasksAsync(jira, cancellationToken);
        if (workflows.Count == 0 && tasks.Count == 0)
        {
            return null;
        }
        // Figures as of the last refresh, exactly as get-panda-stat computed them then (running tasks count up to it).
        DateTimeOffset? lastRefresh = LastRefresh(workflows, tasks);
        var asOf = lastRefresh ?? DateTimeOffset.UnixEpoch;
        var types = PandaAggregation.ByTaskType(tasks, asOf);
        var campaign = PandaAggregation.Campaign(tasks, asOf);
        // Failure causes as get-panda-stat stored them: its pandaErrors table, read from the store (no PanDA call).
        var failureRows = FailureTables.ByTaskType(tasks, await failures.GetAsync(jira, cancellationToken));
        var stats = new PandaStatResult(jira, workflows, tasks, types, campaign, PandaTables.Workflows(jira, workflows),
            PandaTables.TaskTypes(jira, types, campaign), 0, 0, 0, [], failureRows);
        jobs ??= DashboardAssembly.Jobs(await times.GetAllJobsAsync(jira, cancellationToken));
        var butlerTasks = await butler.GetTasksAsync(jira, cancellationToken);
        string? monitor = reportOptions.Value.PandaMonitorUrl is { Length: > 0 } m ? m : pandaOptions.Value.BaseUrl;
        return new DashboardBuild(DashboardAssembly.Assemble(reports.Build(stats), stats, jobs, butlerTasks, lastRefresh, monitor), jobs);
    }

    /// <summary>The campaigns in the store, newest refresh first.</summary>
    public async Task<IReadOnlyList<CampaignListEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await panda.GetAllWorkflowsAsync(cancellationToken);
        return all.Select(kv => new CampaignListEntry(kv.Key,
                kv.Value.GroupBy(w => w.Status, StringComparer.Ordinal)
                    .Select(g => new StatusCount(g.Key, g.Count(), StatusTones.Of(g.Key)))
                    .OrderBy(s => StatusTones.Rank(s.Tone)).ThenBy(s => s.Status, StringComparer.Ordinal).ToList(),
                kv.Value.Max(w => w.RefreshedUtc)))
            .OrderByDescending(c => c.LastRefreshUtc).ThenBy(c => c.Jira, StringComparer.Ordinal)
            .ToList();
    }

    public static DateTimeOffset? LastRefresh(IReadOnlyList<WorkflowState> workflows, IReadOnlyList<PandaTaskRecord> tasks) =>
        workflows.Select(w => (DateTimeOffset?)w.RefreshedUtc).Concat(tasks.Select(t => (DateTimeOffset?)t.RefreshedUtc)).Max();
}

/// <summary>A built page's data and the job-time summary it was made from (for the next build to reuse).</summary>
public sealed record DashboardBuild(CampaignDashboard Dashboard, JobSeries Jobs);

/// <summary>One line of the campaign list.</summary>
public sealed record CampaignListEntry(string Jira, IReadOnlyList<StatusCount> StatusCounts, DateTimeOffset LastRefreshUtc);
