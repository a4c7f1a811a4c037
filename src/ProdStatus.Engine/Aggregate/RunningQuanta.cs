namespace ProdStatus.Engine.Aggregate;

/// <summary>How a bin's value is computed from the jobs that ran in it.</summary>
public enum BinMode
{
    /// <summary>
    /// Time-weighted mean number of running jobs over the bin: the job-seconds inside the bin divided by the bin's
    /// length. A job shorter than a bin adds its share (a 15-minute job in a 1-hour bin adds 0.25); the values
    /// integrate to the total job time, so the area under the curve is the work done. A zero-length job adds 0.
    /// </summary>
    Mean,

    /// <summary>Number of jobs running at some moment of the bin (each job counts 1 in every bin it touches; a
    /// zero-length job counts in the bin holding its start). An upper bound of the concurrency in the bin.</summary>
    Overlap,
}

/// <summary>The plot window: bins of <paramref name="BinWidthSeconds"/> from <paramref name="StartAtHours"/> up to
/// <paramref name="StopAtHours"/> (or the last job's end when null).</summary>
public sealed record TimingWindow(double BinWidthSeconds, double StartAtHours, double? StopAtHours)
{
    /// <summary>More bins than this is a mistake in <c>bin_width</c>, not a plot.</summary>
    public const int MaxBins = 100_000;
}

/// <summary>One job's run, in seconds since the reference time (the first quantum start).</summary>
public readonly record struct JobInterval(double StartSeconds, double EndSeconds);

/// <summary>A binned curve. Bin <c>i</c> covers <c>[BinStartHours[i], BinStartHours[i+1])</c>, the last one up to
/// <see cref="EndHours"/> (it is shorter than the others when the window is not a whole number of bins).</summary>
public sealed record TimingSeries(IReadOnlyList<double> BinStartHours, IReadOnlyList<double> Values, double EndHours)
{
    public double Max => Values.Count == 0 ? 0 : Values.Max();
}

/// <summary>Bins job runs into a running-quanta curve. Pure: no clock, no I/O.</summary>
public static class RunningQuanta
{
    /// <summary>Number of bins the window needs for jobs ending at <paramref name="lastEndSeconds"/>.</summary>
    public static (double Start, double End, int Bins) Layout(TimingWindow window, double lastEndSeconds)
    {
        double w0 = window.StartAtHours * 3600;
        double w1 = window.StopAtHours is { } stop ? stop * 3600 : Math.Max(lastEndSeconds, w0);
        if (w1 <= w0)
        {
            w1 = w0 + window.BinWidthSeconds; // nothing ran in the window: one empty bin, not an empty plot
        }
        // A window a hair past a whole number of bins (floating point) does not get a sliver of a bin.
        double bins = Math.Ceiling(((w1 - w0) / window.BinWidthSeconds) - 1e-9);
        return (w0, w1, bins > TimingWindow.MaxBins ? int.MaxValue : (int)Math.Max(1, bins));
    }

    public static TimingSeries Bin(IReadOnlyCollection<JobInterval> jobs, TimingWindow window, BinMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window.BinWidthSeconds);
        double lastEnd = jobs.Count == 0 ? 0 : jobs.Max(j => Math.Max(j.StartSeconds, j.EndSeconds));
        var (w0, w1, n) = Layout(window, lastEnd);
        if (n > TimingWindow.MaxBins)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"the window needs more than {TimingWindow.MaxBins} bins");
        }
        double bw = window.BinWidthSeconds;
        double Edge(int i) => i >= n ? w1 : w0 + (i * bw);
        var values = new double[n];
        foreach (var job in jobs)
        {
            double s = job.StartSeconds;
            double e = Math.Max(job.StartSeconds, job.EndSeconds);
            if (e == s)
            {
                // Zero length: nothing to average; in overlap mode it counts in the bin holding it (the window end is closed).
                if (mode == BinMode.Overlap && s >= w0 && s <= w1)
                {
                    values[Math.Min(n - 1, (int)Math.Floor((s - w0) / bw))] += 1;
                }
                continue;
            }
            double a = Math.Max(s, w0), b = Math.Min(e, w1);
            if (b <= a)
            {
                continue;
            }
            int first = Math.Min(n - 1, (int)Math.Floor((a - w0) / bw));
            int last = Math.Min(n - 1, (int)Math.Ceiling((b - w0) / bw) - 1);
            for (int i = first; i <= last; i++)
            {
                double lo = Edge(i), hi = Edge(i + 1);
                double inside = Math.Min(b, hi) - Math.Max(a, lo);
                if (inside <= 0)
                {
                    continue;
                }
                values[i] += mode == BinMode.Mean ? inside / (hi - lo) : 1;
            }
        }
        var starts = Enumerable.Range(0, n).Select(i => Edge(i) / 3600).ToArray();
        return new TimingSeries(starts, values, w1 / 3600);
    }
}
