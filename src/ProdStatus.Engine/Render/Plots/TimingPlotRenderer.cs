using System.Globalization;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Render.Fonts;

namespace ProdStatus.Engine.Render.Plots;

/// <summary>One curve of a timing plot.</summary>
public sealed record TimingCurve(string JobName, TimingSeries Series);

/// <summary>
/// Draws running-quanta curves with ScottPlot: a step line per job name (each bin's value held across the bin), the
/// x axis in hours since the first quantum start over exactly the plot window, DejaVu fonts from the project's files.
/// </summary>
public sealed class TimingPlotRenderer(FontLibrary fonts)
{
    public const int Width = 1100;
    public const int Height = 650;

    /// <param name="reference">The first quantum start (null when no job started).</param>
    public byte[] Render(string title, IReadOnlyList<TimingCurve> curves, DateTimeOffset? reference, double binWidthSeconds, BinMode mode)
    {
        ScottPlotFonts.Install(fonts);
        var plot = new ScottPlot.Plot();
        try
        {
            var palette = new ScottPlot.Palettes.Category10();
            for (int i = 0; i < curves.Count; i++)
            {
                var (xs, ys) = StepPoints(curves[i].Series);
                var line = plot.Add.Scatter(xs, ys, palette.GetColor(i));
                line.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
                line.MarkerSize = 0;
                line.LineWidth = 2;
                line.LegendText = curves[i].JobName;
            }
            double x0 = curves.Count == 0 ? 0 : curves.Min(c => c.Series.BinStartHours.Count == 0 ? c.Series.EndHours : c.Series.BinStartHours[0]);
            double x1 = curves.Count == 0 ? 1 : curves.Max(c => c.Series.EndHours);
            double yMax = curves.Count == 0 ? 0 : curves.Max(c => c.Series.Max);
            plot.Axes.SetLimits(x0, x1, 0, Math.Max(1, yMax * 1.15));
            plot.Title(title, 22);
            plot.XLabel(reference is { } r
                ? $"Hours since first quantum start at {r.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC"
                : "Hours since first quantum start (no job started)", 17);
            plot.YLabel(mode == BinMode.Mean
                ? $"Running quanta (mean over each {BinText(binWidthSeconds)} bin)"
                : $"Quanta running in each {BinText(binWidthSeconds)} bin", 17);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
            plot.Axes.Left.TickLabelStyle.FontSize = 14;
            plot.Legend.FontSize = 14;
            plot.ShowLegend(ScottPlot.Edge.Right); // outside the data area: it never hides a peak
            return plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>Bin edges as x and each bin's value as y, with the last value repeated at the window end so the
    /// last bin is drawn across its whole width.</summary>
    public static (double[] Xs, double[] Ys) StepPoints(TimingSeries series)
    {
        int n = series.Values.Count;
        var xs = new double[n + 1];
        var ys = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            xs[i] = series.BinStartHours[i];
            ys[i] = series.Values[i];
        }
        xs[n] = series.EndHours;
        ys[n] = n > 0 ? series.Values[n - 1] : 0;
        return (xs, ys);
    }

    public static string BinText(double seconds) => seconds switch
    {
        _ when seconds % 3600 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0} h"),
        _ when seconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s"),
    };
}
