using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Engine.Aggregate;

/// <summary>
/// Table rows <c>&lt;runTimestamp&gt;_&lt;label&gt;</c> and the <c>campaign</c> row from per-run task statistics.
/// CPU-hours = CPU of the quanta read + their mean × the executed quanta not read (sampling, unreadable files), so a
/// full scan is an exact sum. Pure: no I/O.
/// </summary>
public static class ButlerAggregation
{
    public const string CampaignRow = "campaign";
    private const double GiB = 1024.0 * 1024.0 * 1024.0;

    public static IReadOnlyList<ButlerRowStats> ByRow(IEnumerable<ButlerTaskStats> stats) =>
        stats.GroupBy(s => $"{s.RunKey}_{s.Label}", StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.ToList()))
            .OrderBy(r => r.FirstStart ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Row, StringComparer.Ordinal)
            .ToList();

    public static ButlerRowStats Campaign(IEnumerable<ButlerTaskStats> stats) => Summarize(CampaignRow, stats.ToList());

    public static ButlerRowStats Summarize(string row, IReadOnlyList<ButlerTaskStats> stats)
    {
        var rss = new RssHistogram();
        foreach (var s in stats)
        {
            rss.Merge(s.Rss);
        }
        double cpuHours = stats.Sum(s => s.CpuSum + (s.CpuCount > 0 ? s.CpuSum / s.CpuCount * Math.Max(0, s.Executed - s.CpuCount) : 0)) / 3600.0;
        long cpuCount = stats.Sum(s => s.CpuCount);
        long wallCount = stats.Sum(s => s.WallCount);
        return new ButlerRowStats(
            row,
            stats.Sum(s => s.Quanta),
            stats.Sum(s => s.Read),
            stats.Select(s => s.FirstStart).Where(f => f is not null).Min(),
            cpuCount > 0 ? stats.Sum(s => s.CpuSum) / cpuCount : null,
            cpuCount > 0 ? stats.Max(s => s.CpuMax) : null,
            wallCount > 0 ? stats.Sum(s => s.WallSum) / wallCount : null,
            cpuHours,
            rss.Count > 0 ? rss.Max / GiB : null,
            rss.Percentile(0.95) is { } p95 ? p95 / GiB : null,
            stats.Sum(s => s.NoFile),
            stats.Sum(s => s.Provenance),
            stats.Sum(s => s.Unreadable),
            stats.Sum(s => s.NoMetadata));
    }
}

/// <summary>One row of the butlerStat table.</summary>
/// <param name="CpuMean">CPU seconds per quantum read (<c>endCpuTime − startCpuTime</c>).</param>
/// <param name="WallMean">Wall seconds per quantum read (<c>endUtc − startUtc</c>).</param>
/// <param name="MaxRssGb">Largest <c>endMaxResidentSetSize</c> in GiB (bytes, or KiB for metadata before version 1).</param>
public sealed record ButlerRowStats(
    string Row,
    long Quanta,
    long Read,
    DateTimeOffset? FirstStart,
    double? CpuMean,
    double? CpuMax,
    double? WallMean,
    double CpuHours,
    double? MaxRssGb,
    double? P95RssGb,
    long NoFile,
    long Provenance,
    long Unreadable,
    long NoMetadata);
