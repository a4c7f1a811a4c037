using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Failures;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// get-panda-stat: selects the campaign's workflows, refreshes their status, reads the jobs of every task not
/// already known in a final state (bounded concurrency), and stores the results. A refresh of an unchanged,
/// finished campaign costs one request.
/// </summary>
public sealed partial class PandaStatService(
    PandaMonitorClient client,
    CampaignSelection selector,
    PandaStatsRepository repository,
    PandaFailureRepository failures,
    FailureClassifier classifier,
    [FromKeyedServices(PandaMonitorClient.Service)] AdaptiveConcurrency limiter,
    TimeProvider time,
    ILogger<PandaStatService> logger)
{
    public async Task<PandaStatResult> CollectAsync(PandaStatParams p, bool cleanHistory, IProgress<CollectProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        var tally = RequestCounter.StartTally();
        _ = classifier.Known; // a bad known-errors file should fail before hundreds of requests, not after
        var now = time.GetUtcNow();
        if (cleanHistory)
        {
            await repository.ClearAsync(p.HistoryKey, cancellationToken);
            await failures.ClearAsync(p.HistoryKey, cancellationToken);
        }
        var storedWorkflows = (await repository.GetWorkflowsAsync(p.HistoryKey, cancellationToken)).ToDictionary(w => w.Key, StringComparer.Ordinal);
        var tasks = (await repository.GetTasksAsync(p.HistoryKey, cancellationToken)).ToDictionary(t => t.JediTaskId);

        var selection = await selector.SelectAsync(p, now, progress, cancellationToken);

        var toList = selection.Selected.Where(w => NeedsTaskList(w, storedWorkflows, tasks.Values)).ToList();
        var listed = new ConcurrentBag<(WorkflowState Workflow, TaskDto Task)>();
        int listedDone = 0;
        await Parallel.ForEachAsync(toList, Bounded(cancellationToken), async (workflow, ct) =>
        {
            foreach (var task in await selector.TasksOfAsync(workflow, p, now, ct))
            {
                listed.Add((workflow, task));
            }
            progress?.Report(new CollectProgress("task lists", Interlocked.Increment(ref listedDone), toList.Count));
        });

        bool sampled = p.MaxTask > 0;
        var toFetch = new List<(WorkflowState Workflow, TaskDto Task)>();
        var refreshed = new List<PandaTaskRecord>();
        foreach (var (workflow, task) in listed)
        {
            string status = task.Status ?? "unknown";
            if (tasks.TryGetValue(task.JediTaskId!.Value, out var known) && known.IsFinal && known.Status == status && known.Sampled == sampled)
            {
                continue;
            }
            if (task.StartTime is null && !PandaTaskRecord.IsFinalStatus(status))
            {
                refreshed.Add(ToRecord(workflow, task, TaskJobStats.Empty, sampled, now)); // not started: no jobs to ask for
                continue;
            }
            toFetch.Add((workflow, task));
        }

        var fetched = new ConcurrentBag<PandaTaskRecord>();
        var fetchedFailures = new ConcurrentDictionary<long, IReadOnlyList<FailureGroup>>();
        int fetchedDone = 0;
        progress?.Report(new CollectProgress("tasks", 0, toFetch.Count));
        await Parallel.ForEachAsync(toFetch, Bounded(cancellationToken), async (item, ct) =>
        {
            var query = JobsQuery(item.Task, p.MaxTask);
            var stats = await selector.ReadAsync(async () =>
            {
                var builder = new TaskJobStatsBuilder();
                var tally = classifier.NewTally();
                await foreach (var job in client.GetJobsAsync(item.Task.JediTaskId!.Value, query, ct))
                {
                    builder.Add(job.Status, job.AttemptNr, job.StartTime, job.EndTime, job.DurationSec, job.CpuConsumptionTime, job.MaxRssKb);
                    if (job.ToFailedJob() is { } failedJob)
                    {
                        tally.Add(failedJob);
                    }
                }
                fetchedFailures[item.Task.JediTaskId!.Value] = tally.Build();
                if (!sampled && builder.JobsSeen >= query.Limit)
                {
                    Log.MaybeTruncated(logger, item.Task.TaskName ?? "?", query.Limit);
                }
                return builder.Build();
            }, ct);
            fetched.Add(ToRecord(item.Workflow, item.Task, stats, sampled, now));
            progress?.Report(new CollectProgress("tasks", Interlocked.Increment(ref fetchedDone), toFetch.Count));
        });
        refreshed.AddRange(fetched);

        foreach (var record in refreshed)
        {
            tasks[record.JediTaskId] = record;
        }
        // Failures first: a run stopped between the two writes reads these tasks again and replaces them.
        await failures.ReplaceAsync(p.HistoryKey, fetchedFailures, cancellationToken);
        await repository.SaveAsync(p.HistoryKey, selection.Selected, refreshed, cancellationToken);
        foreach (var workflow in selection.Selected)
        {
            storedWorkflows[workflow.Key] = workflow;
        }

        var allTasks = tasks.Values.ToList();
        var types = PandaAggregation.ByTaskType(allTasks, now);
        var campaign = PandaAggregation.Campaign(allTasks, now);
        var workflows = storedWorkflows.Values.ToList();
        var failureRows = FailureTables.ByTaskType(allTasks, await failures.GetAsync(p.HistoryKey, cancellationToken));
        long requests = tally.Count;
        Log.Collected(logger, p.Jira, selection.Selected.Count, fetched.Count, allTasks.Count - fetched.Count, requests);
        return new PandaStatResult(
            p.Jira, workflows, allTasks, types, campaign,
            PandaTables.Workflows(p.Jira, workflows), PandaTables.TaskTypes(p.Jira, types, campaign),
            requests, selection.Selected.Count, fetched.Count, selection.SkippedNoTimestamp, failureRows);
    }

    /// <summary>
    /// Sampling asks for <c>maxtask</c> finished jobs, as the original did. A full scan asks for every attempt
    /// (<c>mode=nodrop</c>) with an explicit limit: without one the monitor silently stops at 200,000 jobs.
    /// </summary>
    private static JobQuery JobsQuery(TaskDto task, int maxTask)
    {
        if (maxTask > 0)
        {
            return new JobQuery(["finished"], maxTask, NoDrop: false);
        }
        return new JobQuery(["finished", "failed", "cancelled"], CampaignSelection.JobLimit(task.DatasetInfo?.NFiles ?? task.NFiles ?? 0), NoDrop: true);
    }

    private static bool NeedsTaskList(WorkflowState workflow, Dictionary<string, WorkflowState> stored, IEnumerable<PandaTaskRecord> tasks)
    {
        if (!workflow.IsFinal || !stored.TryGetValue(workflow.Key, out var before) || before.RequestId != workflow.RequestId || !before.IsFinal)
        {
            return true;
        }
        var known = tasks.Where(t => t.WorkflowKey == workflow.Key).ToList();
        return known.Count < workflow.TotalTasks || known.Any(t => !t.IsFinal);
    }

    private static PandaTaskRecord ToRecord(WorkflowState workflow, TaskDto task, TaskJobStats stats, bool sampled, DateTimeOffset now)
    {
        var parsed = TaskLabels.Parse(task.TaskName!, workflow.Key, task.RequestId ?? workflow.RequestId);
        return new PandaTaskRecord(task.JediTaskId!.Value, workflow.Key, parsed.Label, parsed.Identity, task.TaskName!,
            task.Status ?? "unknown", task.DatasetInfo?.NFiles ?? task.NFiles ?? 0, task.DatasetInfo?.NFilesFailed ?? 0,
            task.StartTime, task.EndTime, stats, sampled, now);
    }

    /// <summary>At most MaxConcurrency workers; <see cref="AdaptiveConcurrency"/> decides how many send at once.</summary>
    private ParallelOptions Bounded(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = limiter.MaxConcurrency, CancellationToken = cancellationToken };

    private static partial class Log
    {
        [LoggerMessage(5, LogLevel.Warning, "task {Task}: the monitor returned {Limit} jobs, its limit; statistics may miss later jobs")]
        public static partial void MaybeTruncated(ILogger logger, string task, int limit);

        [LoggerMessage(4, LogLevel.Information, "{Jira}: {Workflows} workflows refreshed, {Fetched} tasks read, {Reused} from the store, {Requests} requests")]
        public static partial void Collected(ILogger logger, string jira, int workflows, int fetched, int reused, long requests);
    }
}

/// <summary>What one get-panda-stat run produced.</summary>
public sealed record PandaStatResult(
    string Jira,
    IReadOnlyList<WorkflowState> Workflows,
    IReadOnlyList<PandaTaskRecord> Tasks,
    IReadOnlyList<TaskTypeStats> TaskTypes,
    TaskTypeStats Campaign,
    Render.Tables.StatTable WorkflowTable,
    Render.Tables.StatTable TaskTable,
    long Requests,
    int WorkflowsRefreshed,
    int TasksFetched,
    IReadOnlyList<string> SkippedNames,
    IReadOnlyList<TaskTypeFailure>? Failures = null)
{
    /// <summary>Failure rows by task type and cause, most attempts first (empty when none were collected).</summary>
    public IReadOnlyList<TaskTypeFailure> FailureRows => Failures ?? [];

    /// <summary>The <c>pandaErrors</c> table.</summary>
    public Render.Tables.StatTable FailureTable => FailureTables.Table(Jira, FailureRows);
}

public readonly record struct CollectProgress(string Stage, int Done, int Total);
