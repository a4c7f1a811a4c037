namespace ProdStatus.Engine.Domain.Panda;

/// <summary>What the jobs of one PanDA task add up to. Sums, not means, so tasks combine exactly.</summary>
public sealed record TaskJobStats(
    long JobsFinished,
    double SumWallSeconds,
    double SumCpuSeconds,
    double MaxRssKb,
    long JobsFailed,
    long RetriedAttempts,
    DateTimeOffset? FirstJobStart,
    DateTimeOffset? LastJobEnd)
{
    public static readonly TaskJobStats Empty = new(0, 0, 0, 0, 0, 0, null, null);
}

/// <summary>Folds jobs into <see cref="TaskJobStats"/> one at a time (the job list is streamed).</summary>
public sealed class TaskJobStatsBuilder
{
    private long _finished;
    private double _sumWall;
    private double _sumCpu;
    private double _maxRss;
    private long _failed;
    private long _retried;
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;

    public long JobsSeen { get; private set; }

    public void Add(string? status, long? attemptNr, DateTimeOffset? start, DateTimeOffset? end,
        double? durationSeconds, double? cpuSeconds, double? maxRssKb)
    {
        JobsSeen++;
        if (attemptNr > 1)
        {
            _retried++;
        }
        if (start is { } s && (_first is null || s < _first))
        {
            _first = s;
        }
        if (end is { } e && (_last is null || e > _last))
        {
            _last = e;
        }
        if (string.Equals(status, "finished", StringComparison.OrdinalIgnoreCase))
        {
            _finished++;
            double wall = durationSeconds is > 0 ? durationSeconds.Value
                : start is { } a && end is { } b && b > a ? (b - a).TotalSeconds : 0;
            _sumWall += wall;
            _sumCpu += cpuSeconds is > 0 ? cpuSeconds.Value : 0;
            if (maxRssKb is { } rss && rss > _maxRss)
            {
                _maxRss = rss;
            }
        }
        else if (string.Equals(status, "failed", StringComparison.OrdinalIgnoreCase))
        {
            _failed++;
        }
    }

    public TaskJobStats Build() => new(_finished, _sumWall, _sumCpu, _maxRss, _failed, _retried, _first, _last);
}
