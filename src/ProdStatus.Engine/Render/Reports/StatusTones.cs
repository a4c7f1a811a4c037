namespace ProdStatus.Engine.Render.Reports;

/// <summary>Maps iDDS request statuses (WorkflowSelection's list) to a tone.</summary>
public static class StatusTones
{
    public static StatusTone Of(string status) => status switch
    {
        "Finished" => StatusTone.Good,
        "SubFinished" or "Suspended" or "Suspending" or "ToSuspend" or "Expired" => StatusTone.Warning,
        "Failed" or "Cancelled" or "Cancelling" or "ToCancel" => StatusTone.Bad,
        "New" or "Ready" or "Transforming" or "Extend" or "ToResume" or "Resuming" or "ToFinish" or "ToForceFinish"
            or "Terminating" or "Building" or "Built" or "Throttling" or "ToClose" or "ToExpire" or "Expiring" => StatusTone.Running,
        _ => StatusTone.Neutral,
    };

    /// <summary>Order in which statuses are listed: problems first, then running, then done.</summary>
    public static int Rank(StatusTone tone) => tone switch
    {
        StatusTone.Bad => 0,
        StatusTone.Warning => 1,
        StatusTone.Running => 2,
        StatusTone.Good => 3,
        _ => 4,
    };
}
