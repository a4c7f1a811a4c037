namespace ProdStatus.Engine.Domain.Panda;

/// <summary>A PanDA task with its job statistics, as kept in the store.</summary>
/// <param name="Label">Task type within the workflow (<c>visit_detector_1_777</c>); the row is <c>&lt;key&gt;_&lt;label&gt;</c>.</param>
/// <param name="Identity">The task name without an iDDS retry suffix: a retried task replaces the one it retries.</param>
/// <param name="Sampled">Jobs were sampled (<c>maxtask</c> &gt; 0) rather than all read.</param>
public sealed record PandaTaskRecord(
    long JediTaskId,
    string WorkflowKey,
    string Label,
    string Identity,
    string TaskName,
    string Status,
    long NFiles,
    long NFilesFailed,
    DateTimeOffset? StartUtc,
    DateTimeOffset? EndUtc,
    TaskJobStats Jobs,
    bool Sampled,
    DateTimeOffset RefreshedUtc)
{
    /// <summary>JEDI task states after which a task's jobs no longer change.</summary>
    public static bool IsFinalStatus(string status) =>
        status is "done" or "finished" or "failed" or "broken" or "aborted";

    public bool IsFinal => IsFinalStatus(Status);
}
