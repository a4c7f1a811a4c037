using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Failures;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// What a watch remembers of a campaign between polls: workflow states, and per task type the finished jobs, final
/// failures and the causes seen. Rules compare two snapshots.
/// </summary>
/// <param name="LastProgressUtc">When the number of finished jobs last grew (the stall clock).</param>
/// <param name="WorkRemains">Some workflow is not in a final state.</param>
public sealed record CampaignSnapshot(
    string Issue,
    DateTimeOffset TakenUtc,
    DateTimeOffset LastProgressUtc,
    long FinishedJobs,
    long TotalQuanta,
    bool WorkRemains,
    IReadOnlyList<WorkflowSnapshot> Workflows,
    IReadOnlyList<TaskTypeSnapshot> TaskTypes)
{
    public static CampaignSnapshot From(PandaStatResult result, CampaignSnapshot? previous, DateTimeOffset now)
    {
        long finished = result.Tasks.Sum(t => t.Jobs.JobsFinished);
        var progress = previous is null || finished > previous.FinishedJobs ? now : previous.LastProgressUtc;
        var failures = result.FailureRows.ToLookup(f => f.TaskType, StringComparer.Ordinal);
        var types = result.Tasks
            .GroupBy(t => $"{t.WorkflowKey}_{t.Label}", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TaskTypeSnapshot(
                g.Key,
                g.Sum(t => t.Jobs.JobsFinished),
                failures[g.Key].Where(f => f.Cause != FailureCause.Preempted).Sum(f => f.FinalFailures),
                failures[g.Key].Where(f => f.Cause == FailureCause.Preempted).Sum(f => f.FinalFailures),
                failures[g.Key].Select(f => new CauseSeen(f.CauseText, f.KnownLabel)).Distinct().OrderBy(c => c.Cause, StringComparer.Ordinal)
                    .ThenBy(c => c.Known, StringComparer.Ordinal).ToList()))
            .ToList();
        return new CampaignSnapshot(result.Jira, now, progress, finished, result.Campaign.Quanta,
            result.Workflows.Count == 0 || result.Workflows.Any(w => !w.IsFinal),
            result.Workflows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new WorkflowSnapshot(w.Key, w.Status)).ToList(),
            types);
    }
}

public sealed record WorkflowSnapshot(string Key, string Status);

/// <param name="FinalFailures">Jobs that finally failed, preemption excluded.</param>
/// <param name="PreemptedFinal">Jobs that finally failed by preemption or a kill.</param>
public sealed record TaskTypeSnapshot(string Row, long Finished, long FinalFailures, long PreemptedFinal, IReadOnlyList<CauseSeen> Causes)
{
    /// <summary>Final failures ÷ (finished + final failures); null below <paramref name="minJobs"/> jobs.</summary>
    public double? FailureRate(int minJobs, bool includePreemption)
    {
        long failed = FinalFailures + (includePreemption ? PreemptedFinal : 0);
        long jobs = Finished + failed;
        return jobs >= minJobs && jobs > 0 ? (double)failed / jobs : null;
    }
}

/// <summary>A failure cause seen in a task type, with its known-error label (<c>new</c> or <c>known (DM-…)</c>).</summary>
public sealed record CauseSeen(string Cause, string Known);
