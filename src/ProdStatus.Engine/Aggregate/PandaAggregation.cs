using ProdStatus.Engine.Domain.Panda;

namespace ProdStatus.Engine.Aggregate;

/// <summary>Turns stored task statistics into task-type rows and the campaign row. Pure: no I/O, time passed in.</summary>
public static class PandaAggregation
{
    public const string CampaignRow = "Campaign";

    public static IReadOnlyList<TaskTypeStats> ByTaskType(IEnumerable<PandaTaskRecord> tasks, DateTimeOffset now) =>
        tasks.GroupBy(t => $"{t.WorkflowKey}_{t.Label}", StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.ToList(), now))
            .OrderBy(r => r.FirstStart ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Row, StringComparer.Ordinal)
            .ToList();

    public static TaskTypeStats Campaign(IEnumerable<PandaTaskRecord> tasks, DateTimeOffset now) =>
        Summarize(CampaignRow, tasks.ToList(), now);

    public static TaskTypeStats Summarize(string row, IReadOnlyList<PandaTaskRecord> unordered, DateTimeOffset now)
    {
        // Floating-point sums depend on order: fix it, so the same tasks give the same figures to the last bit.
        var tasks = unordered.OrderBy(t => t.JediTaskId).ToList();
        // A task retried by iDDS is replaced by its retry: count its quanta once, from the newest task.
        var current = tasks.GroupBy(t => t.Identity, StringComparer.Ordinal)
            .Select(g => g.MaxBy(t => t.JediTaskId)!)
            .ToList();
        long quanta = current.Sum(t => t.NFiles);
        long finishedJobs = tasks.Sum(t => t.Jobs.JobsFinished);
        double sumWall = tasks.Sum(t => t.Jobs.SumWallSeconds);
        double sumCpu = tasks.Sum(t => t.Jobs.SumCpuSeconds);

        // Sampled tasks (maxtask > 0) are extrapolated to all their quanta; fully read ones are exact sums.
        double totalCpu = tasks.Where(t => !t.Sampled).Sum(t => t.Jobs.SumCpuSeconds)
            + current.Where(t => t.Sampled).Sum(t => Mean(t.Jobs.SumCpuSeconds, t.Jobs.JobsFinished) * t.NFiles);
        double totalWall = tasks.Where(t => !t.Sampled).Sum(t => t.Jobs.SumWallSeconds)
            + current.Where(t => t.Sampled).Sum(t => Mean(t.Jobs.SumWallSeconds, t.Jobs.JobsFinished) * t.NFiles);
        long failed = tasks.Where(t => !t.Sampled).Sum(t => t.Jobs.JobsFailed) + current.Where(t => t.Sampled).Sum(t => t.NFilesFailed);

        DateTimeOffset? first = tasks.Select(t => t.StartUtc ?? t.Jobs.FirstJobStart).Where(s => s is not null).Min();
        DateTimeOffset? last = tasks.Select(t => t.EndUtc ?? t.Jobs.LastJobEnd ?? (t.IsFinal ? null : now)).Where(e => e is not null).Max();
        if (tasks.Any(t => !t.IsFinal && t.EndUtc is null))
        {
            last = now;
        }
        var clock = first is { } f && last is { } l && l > f ? l - f : TimeSpan.Zero;
        long parallel = clock.TotalSeconds > 0 ? (long)Math.Ceiling(totalWall / clock.TotalSeconds) : totalWall > 0 ? 1 : 0;

        return new TaskTypeStats(
            row,
            quanta,
            first,
            clock,
            finishedJobs > 0 ? sumWall / finishedJobs : null,
            finishedJobs > 0 ? sumCpu / finishedJobs : null,
            totalCpu / 3600.0,
            tasks.Count == 0 ? 0 : tasks.Max(t => t.Jobs.MaxRssKb) / (1024.0 * 1024.0),
            failed,
            tasks.Sum(t => t.Jobs.RetriedAttempts),
            parallel);
    }

    private static double Mean(double sum, long count) => count > 0 ? sum / count : 0;
}
