using System.Globalization;
using ProdStatus.Engine.Render.Fonts;

namespace ProdStatus.Engine.Render.Plots;

/// <summary>
/// The shift digest's chart: cumulative finished jobs against time (hours since the first poll), the campaign's
/// total as a horizontal line, and a dashed ETA line from the last point to the total at the estimated finish.
/// </summary>
public sealed class ProgressPlotRenderer(FontLibrary fonts)
{
    public const int Width = 1000;
    public const int Height = 560;

    public byte[] Render(string title, IReadOnlyList<(DateTimeOffset Utc, long Finished)> points, long total, DateTimeOffset? eta)
    {
        ScottPlotFonts.Install(fonts);
        var plot = new ScottPlot.Plot();
        try
        {
            var origin = points.Count > 0 ? points[0].Utc : DateTimeOffset.UnixEpoch;
            double Hours(DateTimeOffset t) => (t - origin).TotalHours;
            var xs = points.Select(p => Hours(p.Utc)).ToArray();
            var ys = points.Select(p => (double)p.Finished).ToArray();
            var done = plot.Add.Scatter(xs, ys, ScottPlot.Colors.SteelBlue);
            done.LineWidth = 2;
            done.MarkerSize = 4;
            done.LegendText = "finished jobs";
            double xMax = xs.Length > 0 ? xs[^1] : 1;
            if (eta is { } e && points.Count > 0)
            {
                var line = plot.Add.Scatter(new[] { xs[^1], Hours(e) }, new[] { ys[^1], (double)total }, ScottPlot.Colors.OrangeRed);
                line.LinePattern = ScottPlot.LinePattern.Dashed;
                line.LineWidth = 2;
                line.MarkerSize = 0;
                line.LegendText = $"ETA {e.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
                xMax = Math.Max(xMax, Hours(e));
            }
            var goal = plot.Add.HorizontalLine(total, 1, ScottPlot.Colors.Gray);
            goal.LegendText = string.Create(CultureInfo.InvariantCulture, $"total {total}");
            plot.Axes.SetLimits(0, Math.Max(1, xMax * 1.05), 0, Math.Max(1, Math.Max(total, ys.DefaultIfEmpty(0).Max()) * 1.1));
            plot.Title(title, 20);
            plot.XLabel(points.Count > 0
                ? $"Hours since {origin.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
                : "Hours (no poll yet)", 15);
            plot.YLabel("Finished jobs (cumulative)", 15);
            plot.ShowLegend(ScottPlot.Edge.Bottom);
            return plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
