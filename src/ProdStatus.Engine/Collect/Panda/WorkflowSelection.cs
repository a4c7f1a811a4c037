using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// Picks the workflows of a campaign from <c>wfprogress</c> and reads either response shape into
/// <see cref="WorkflowState"/>. Fixed against the original: case-insensitive everywhere, the stop date's whole day
/// counts, names without a timestamp are skipped (reported), not a crash.
/// </summary>
internal static class WorkflowSelection
{
    private static readonly Dictionary<string, string> Statuses = new[]
    {
        "New", "Ready", "Transforming", "Finished", "SubFinished", "Failed", "Extend", "ToCancel", "Cancelling", "Cancelled",
        "ToSuspend", "Suspending", "Suspended", "ToResume", "Resuming", "ToExpire", "Expiring", "Expired", "ToFinish",
        "ToForceFinish", "Terminating", "Building", "Built", "Throttling", "ToClose",
    }.ToDictionary(s => s, StringComparer.OrdinalIgnoreCase);

    public sealed record Result(IReadOnlyList<WorkflowState> Selected, IReadOnlyList<string> SkippedNoTimestamp);

    /// <summary>A task of the workflow: its name is the request name, or the request name and <c>_</c> and more.</summary>
    public static bool BelongsTo(TaskDto task, WorkflowState workflow) =>
        task.JediTaskId is not null && task.TaskName is { } name &&
        name.StartsWith(workflow.Name, StringComparison.OrdinalIgnoreCase) &&
        (name.Length == workflow.Name.Length || name[workflow.Name.Length] == '_');

    public static bool Matches(string name, PandaStatParams p) =>
        name.Contains(p.Jira, StringComparison.OrdinalIgnoreCase) &&
        p.CollTypes.Any(t => name.Contains(t, StringComparison.OrdinalIgnoreCase));

    public static Result Select(IEnumerable<WorkflowProgressDto> entries, PandaStatParams p, DateTimeOffset now)
    {
        var byKey = new Dictionary<string, WorkflowState>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.Name is not { Length: > 0 } name || !Matches(name, p))
            {
                continue;
            }
            if (!WorkflowTimestamp.TryParseSuffix(name, '_', out var stamp))
            {
                skipped.Add(name);
                continue;
            }
            if (stamp.Utc < p.WindowStartUtc || stamp.Utc >= p.WindowEndUtc)
            {
                continue;
            }
            var state = ToState(entry, stamp.Key, now);
            // A resubmission reuses the name: the newest request describes the workflow now.
            if (!byKey.TryGetValue(state.Key, out var existing) || existing.RequestId < state.RequestId)
            {
                byKey[state.Key] = state;
            }
        }
        return new Result(byKey.Values.OrderBy(w => w.Key, StringComparer.Ordinal).ToList(), skipped);
    }

    public static WorkflowState ToState(WorkflowProgressDto e, string key, DateTimeOffset now)
    {
        long totalFiles = e.TotalFiles ?? 0;
        long processed, remaining;
        if (e.ProcessedFiles is not null || e.RemainingFiles is not null)
        {
            // 2022 shape: absolute counts.
            processed = e.ProcessedFiles ?? 0;
            remaining = e.RemainingFiles ?? Math.Max(0, totalFiles - processed);
        }
        else
        {
            // Current shape: finished_files is a percentage of the JEDI input files.
            long basis = e.TotalJediFiles is > 0 ? e.TotalJediFiles.Value : totalFiles;
            processed = (long)Math.Round(basis * (e.FinishedFilesPercent ?? 0) / 100.0, MidpointRounding.AwayFromZero);
            remaining = Math.Max(0, totalFiles - processed);
        }
        return new WorkflowState(
            key,
            e.RequestId ?? 0,
            e.Name ?? "",
            CanonicalStatus(e.Status),
            e.TotalTasks ?? 0,
            totalFiles,
            remaining,
            processed,
            Count(e.TaskStatuses, "Finished"),
            Count(e.TaskStatuses, "Failed"),
            Count(e.TaskStatuses, "SubFinished"),
            e.CreatedAt,
            now);
    }

    internal static string CanonicalStatus(string? status) =>
        status is null ? "N/A" : Statuses.TryGetValue(status.Trim(), out string? canonical) ? canonical : status.Trim();

    private static long Count(Dictionary<string, long>? statuses, string name) =>
        statuses?.Where(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Sum(kv => kv.Value) ?? 0;
}
