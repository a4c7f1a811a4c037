namespace ProdStatus.Engine.Aggregate;

/// <summary>One row of the PanDA task-type table (or the campaign row).</summary>
/// <param name="WallClock">Elapsed time from the first start to the last end (for the campaign: the whole span, not a sum).</param>
/// <param name="WallSecondsPerJob">Mean <c>durationsec</c> of finished jobs.</param>
/// <param name="CpuSecondsPerJob">Mean <c>cpuconsumptiontime</c> of finished jobs (the original showed wall time here).</param>
/// <param name="MaxRssGb">Largest <c>maxrss</c> (kB) in GiB.</param>
public sealed record TaskTypeStats(
    string Row,
    long Quanta,
    DateTimeOffset? FirstStart,
    TimeSpan WallClock,
    double? WallSecondsPerJob,
    double? CpuSecondsPerJob,
    double CpuHours,
    double MaxRssGb,
    long JobsFailed,
    long RetriedAttempts,
    long EstimatedParallelJobs);
