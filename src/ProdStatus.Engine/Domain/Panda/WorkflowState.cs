namespace ProdStatus.Engine.Domain.Panda;

/// <summary>One BPS submission (iDDS request) as the monitor last reported it, keyed by its timestamp.</summary>
public sealed record WorkflowState(
    string Key,
    long RequestId,
    string Name,
    string Status,
    long TotalTasks,
    long TotalFiles,
    long RemainingFiles,
    long ProcessedFiles,
    long TasksFinished,
    long TasksFailed,
    long TasksSubfinished,
    DateTimeOffset? CreatedUtc,
    DateTimeOffset RefreshedUtc)
{
    /// <summary>Request statuses after which nothing changes any more.</summary>
    public bool IsFinal => Status is "Finished" or "SubFinished" or "Failed" or "Cancelled" or "Expired" or "Suspended";
}
