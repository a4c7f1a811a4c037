using System.Globalization;
using System.Text;
using ProdStatus.Engine.Render.Plots;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// A shift digest of one watched campaign: progress since the last digest, failures by cause seen since then, an ETA
/// from the recent finishing rate, and the progress-over-time chart.
/// </summary>
public sealed class ShiftDigest(WatchRepository store, ProgressPlotRenderer plots)
{
    /// <summary>How far back the finishing rate is measured.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromHours(6);

    public async Task<DigestMessage?> BuildAsync(string issue, DateTimeOffset? since, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var points = await store.GetProgressAsync(issue, cancellationToken);
        var snapshot = await store.GetSnapshotAsync(issue, cancellationToken);
        if (points.Count == 0 || snapshot is null)
        {
            return null;
        }
        var last = points[^1];
        var start = since is { } s ? points.LastOrDefault(p => p.Utc <= s) ?? points[0] : points[0];
        var eta = Eta(points, now);
        var alerts = await store.GetAlertsAsync(issue, cancellationToken);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $":clipboard: *Shift digest {issue}* — {UtcTimestamps.Format(now)} UTC\n");
        text.Append(CultureInfo.InvariantCulture,
            $"• Progress: {last.FinishedJobs - start.FinishedJobs} jobs finished since {UtcTimestamps.Format(start.Utc)} UTC; {last.FinishedJobs} of {last.TotalQuanta} in all\n");
        var newCauses = alerts.Where(a => a.Rule == AlertRule.NewCause && (since is null || a.ChangedUtc > since))
            .Select(a => $"{a.Cause} in {a.TaskType}").ToList();
        text.Append("• New failure causes since the last digest: ").Append(newCauses.Count == 0 ? "none" : string.Join("; ", newCauses)).Append('\n');
        var byCause = snapshot.TaskTypes.SelectMany(t => t.Causes).GroupBy(c => c.Cause, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(c => c.Known).Distinct())})").ToList();
        text.Append("• All failure causes: ").Append(byCause.Count == 0 ? "none" : string.Join("; ", byCause)).Append('\n');
        text.Append("• ETA: ").Append(!snapshot.WorkRemains ? "done"
            : eta is { } e ? $"{UtcTimestamps.Format(e)} UTC at the last {RateWindow.TotalHours:0} h's rate" : "unknown (no job finished recently)").Append('\n');
        byte[] png = plots.Render($"Progress {issue}", points.Select(p => (p.Utc, p.FinishedJobs)).ToList(), last.TotalQuanta,
            snapshot.WorkRemains ? eta : null);
        return new DigestMessage(issue, text.ToString().TrimEnd(), png, $"progress-{issue}.png");
    }

    /// <summary>Now + remaining ÷ the finishing rate over the last <see cref="RateWindow"/>; null without progress in it.</summary>
    public static DateTimeOffset? Eta(IReadOnlyList<ProgressPoint> points, DateTimeOffset now)
    {
        if (points.Count < 2)
        {
            return null;
        }
        var last = points[^1];
        var first = points.FirstOrDefault(p => p.Utc >= last.Utc - RateWindow && p.Utc < last.Utc) ?? points[^2];
        double hours = (last.Utc - first.Utc).TotalHours;
        long done = last.FinishedJobs - first.FinishedJobs;
        long remaining = last.TotalQuanta - last.FinishedJobs;
        if (hours <= 0 || done <= 0)
        {
            return null;
        }
        return remaining <= 0 ? now : now + TimeSpan.FromHours(remaining / (done / hours));
    }
}

/// <summary>One digest message and its chart.</summary>
public sealed record DigestMessage(string Issue, string Text, byte[] Png, string FileName);
