using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Testing.Reports;

/// <summary>Small ScottPlot PNGs standing in for timing plots.</summary>
public static class TestPlots
{
    public static IReadOnlyList<ReportPlot> Create(FontLibrary fonts, int count)
    {
        ScottPlotFonts.Install(fonts);
        var plots = new List<ReportPlot>();
        for (int i = 0; i < count; i++)
        {
            var plot = new ScottPlot.Plot();
            double[] xs = Enumerable.Range(0, 50).Select(x => (double)x).ToArray();
            plot.Add.Scatter(xs, xs.Select(x => Math.Sin((x + i) / 6.0) * (i + 1)).ToArray());
            plot.Title($"Timing plot {i + 1}");
            plot.XLabel("hours since start");
            plot.YLabel("running jobs");
            plots.Add(new ReportPlot($"Figure {i + 1}: running jobs over time", plot.GetImageBytes(600, 400, ScottPlot.ImageFormat.Png)));
        }
        return plots;
    }
}
