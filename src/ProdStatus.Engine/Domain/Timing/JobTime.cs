using ProdStatus.Engine.Domain.Panda;

namespace ProdStatus.Engine.Domain.Timing;

/// <summary>One attempt of one quantum (a PanDA job) with its run times, UTC.</summary>
/// <param name="Label">The BPS job label of its task (<c>visit_detector_1</c>), without the request id.</param>
/// <param name="EndUtc">Null while it runs (or if it never ran).</param>
public sealed record JobTime(
    long PandaId,
    long JediTaskId,
    string WorkflowKey,
    string Label,
    string Status,
    long AttemptNr,
    DateTimeOffset? StartUtc,
    DateTimeOffset? EndUtc);

/// <summary>A task whose jobs are in the timing store, and when they were read.</summary>
public sealed record TimingTaskRecord(long JediTaskId, string WorkflowKey, string Label, string TaskName, string Status, DateTimeOffset RefreshedUtc)
{
    /// <summary>Jobs of a task in a final state no longer change: such a task is never read again.</summary>
    public bool IsFinal => PandaTaskRecord.IsFinalStatus(Status);
}

/// <summary>A stored job with the time its task was last read (the "as of" of a job still running).</summary>
public sealed record StoredJobTime(JobTime Job, DateTimeOffset AsOfUtc);
