using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// prep-timing-data's collection: selects the workflows (as get-panda-stat does), lists their tasks, keeps the tasks
/// whose BPS label is one of <c>job_names</c> (exact match), and reads every job of each such task — start and end
/// times, all attempts, any state — with bounded concurrency and an explicit limit. Tasks already stored in a final
/// state are not read again; the others are re-read on every run, so jobs that started late or were still running
/// are picked up.
/// </summary>
public sealed partial class TimingDataService(
    PandaMonitorClient client,
    CampaignSelection selector,
    PandaJobTimesRepository repository,
    [FromKeyedServices(PandaMonitorClient.Service)] AdaptiveConcurrency limiter,
    TimeProvider time,
    ILogger<TimingDataService> logger)
{
    // One writer at a time: SQLite allows one anyway, and a large task's insert should not time out another's.
    private readonly SemaphoreSlim _saveGate = new(1, 1);

    public async Task<TimingCollectResult> CollectAsync(TimingParams p, IProgress<CollectProgress>? progress, CancellationToken cancellationToken = default)
    {
        var tally = RequestCounter.StartTally();
        var now = time.GetUtcNow();
        var selectionParams = p.Selection;
        var selection = await selector.SelectAsync(selectionParams, now, progress, cancellationToken);

        var wanted = p.JobNames.ToHashSet(StringComparer.Ordinal);
        var labelsSeen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var matched = new ConcurrentBag<Candidate>();
        int listed = 0;
        await Parallel.ForEachAsync(selection.Selected, Bounded(cancellationToken), async (workflow, ct) =>
        {
            foreach (var task in await selector.TasksOfAsync(workflow, selectionParams, now, ct))
            {
                string label = TaskLabels.BpsLabel(task.TaskName!, workflow.Key, task.RequestId ?? workflow.RequestId);
                labelsSeen.TryAdd(label, true);
                if (wanted.Contains(label))
                {
                    var record = new TimingTaskRecord(task.JediTaskId!.Value, workflow.Key, label, task.TaskName!, task.Status ?? "unknown", now);
                    matched.Add(new Candidate(record, task.DatasetInfo?.NFiles ?? task.NFiles ?? 0, task.StartTime is not null));
                }
            }
            progress?.Report(new CollectProgress("task lists", Interlocked.Increment(ref listed), selection.Selected.Count));
        });

        var stored = (await repository.GetTasksAsync(p.Jira, cancellationToken)).ToDictionary(t => t.JediTaskId);
        var toFetch = matched
            .Where(c => !(stored.TryGetValue(c.Task.JediTaskId, out var known) && known.IsFinal && known.Status == c.Task.Status))
            .Where(c => c.Started || c.Task.IsFinal) // a task that has not started has no job that started
            .OrderBy(c => c.Task.JediTaskId)
            .ToList();
        int fetchedDone = 0;
        long jobsRead = 0;
        progress?.Report(new CollectProgress("tasks", 0, toFetch.Count));
        await Parallel.ForEachAsync(toFetch, Bounded(cancellationToken), async (candidate, ct) =>
        {
            var task = candidate.Task;
            int limit = CampaignSelection.JobLimit(candidate.NFiles);
            var jobs = await selector.ReadAsync(async () =>
            {
                var list = new List<JobTime>();
                await foreach (var job in client.GetJobTimesAsync(task.JediTaskId, limit, ct))
                {
                    if (job.PandaId is { } id)
                    {
                        list.Add(new JobTime(id, task.JediTaskId, task.WorkflowKey, task.Label, job.Status ?? "unknown",
                            job.AttemptNr ?? 1, job.StartTime, job.EndTime));
                    }
                }
                return list;
            }, ct);
            if (jobs.Count >= limit)
            {
                Log.MaybeTruncated(logger, task.TaskName, limit);
            }
            await _saveGate.WaitAsync(ct);
            try
            {
                await repository.SaveTaskAsync(p.Jira, task, jobs, ct);
            }
            finally
            {
                _saveGate.Release();
            }
            Interlocked.Add(ref jobsRead, jobs.Count);
            progress?.Report(new CollectProgress("tasks", Interlocked.Increment(ref fetchedDone), toFetch.Count));
        });

        var missing = p.JobNames.Where(n => !labelsSeen.ContainsKey(n)).ToList();
        if (missing.Count > 0 && selection.Selected.Count > 0)
        {
            Log.NoSuchLabel(logger, string.Join(", ", missing), string.Join(", ", labelsSeen.Keys.Order(StringComparer.Ordinal)));
        }
        long requests = tally.Count;
        Log.Collected(logger, p.Jira, selection.Selected.Count, toFetch.Count, matched.Count - toFetch.Count, jobsRead, requests);
        return new TimingCollectResult(selection.Selected.Select(w => w.Key).ToList(), matched.Count, toFetch.Count, jobsRead, requests, missing);
    }

    private sealed record Candidate(TimingTaskRecord Task, long NFiles, bool Started);

    /// <summary>At most MaxConcurrency workers; <see cref="AdaptiveConcurrency"/> decides how many send at once.</summary>
    private ParallelOptions Bounded(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = limiter.MaxConcurrency, CancellationToken = cancellationToken };

    private static partial class Log
    {
        [LoggerMessage(33, LogLevel.Warning, "task {Task}: the monitor returned {Limit} jobs, its limit; later jobs may be missing")]
        public static partial void MaybeTruncated(ILogger logger, string task, int limit);

        [LoggerMessage(34, LogLevel.Warning, "job_names [{Missing}] match no task label (labels are compared exactly; seen: {Seen})")]
        public static partial void NoSuchLabel(ILogger logger, string missing, string seen);

        [LoggerMessage(35, LogLevel.Information, "{Jira}: {Workflows} workflows, {Fetched} tasks read ({Jobs} jobs), {Reused} final tasks from the store, {Requests} requests")]
        public static partial void Collected(ILogger logger, string jira, int workflows, int fetched, int reused, long jobs, long requests);
    }
}

/// <summary>What one prep-timing-data collection did.</summary>
/// <param name="MissingJobNames">Job names no task of the selected workflows carries.</param>
public sealed record TimingCollectResult(
    IReadOnlyList<string> WorkflowKeys,
    int TasksMatched,
    int TasksRead,
    long JobsRead,
    long Requests,
    IReadOnlyList<string> MissingJobNames);
