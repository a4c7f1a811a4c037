using System.Globalization;
using System.Net;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Plots;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>
/// The dashboard's charts as inline SVG drawn by ScottPlot with the project's DejaVu fonts. Each SVG gets
/// <c>role="img"</c>, a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c> (read by screen readers), and a viewBox so it scales
/// with the page. With a <see cref="ChartMemo"/>, a chart whose drawing (data, labels, size) an earlier build already made
/// is not drawn again; its title and description are always the current ones.
/// </summary>
public sealed class DashboardCharts(FontLibrary fonts)
{
    public const int Width = 960;
    public const int Height = 420;
    public const int MaxBars = 20;

    /// <summary>Cumulative finished and failed jobs against time (UTC).</summary>
    public string Progress(CampaignDashboard d, string id, ChartMemo? memo = null)
    {
        using var key = new ChartKey().Add("progress");
        foreach (var p in d.Progress.Points)
        {
            key.Add(p.TimeUtc.UtcTicks).Add(p.Finished).Add(p.Failed);
        }
        return Draw(id, $"Cumulative jobs over time, {d.Jira}", Describe(d.Progress), memo, key, plot => ProgressPlot(plot, d));
    }

    private static void ProgressPlot(ScottPlot.Plot plot, CampaignDashboard d)
    {
        var points = d.Progress.Points;
        double[] xs = [.. points.Select(p => p.TimeUtc.UtcDateTime.ToOADate())];
        Step(plot, xs, [.. points.Select(p => (double)p.Finished)], "finished", new ScottPlot.Color(0x1b, 0x7f, 0x3b));
        Step(plot, xs, [.. points.Select(p => (double)p.Failed)], "failed", new ScottPlot.Color(0xb4, 0x1e, 0x1e));
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "MM-dd HH:mm", CultureInfo.InvariantCulture),
        };
        plot.XLabel("Job end time (UTC)", 14);
        plot.YLabel("Jobs (cumulative)", 14);
        plot.ShowLegend(ScottPlot.Edge.Bottom);
    }

    /// <summary>Running quanta over time: the timing plot's step curves (<see cref="TimingPlotRenderer.StepPoints"/>).</summary>
    public string Running(CampaignDashboard d, string id, ChartMemo? memo = null)
    {
        using var key = new ChartKey().Add("running").Add(d.Running.Reference?.UtcTicks ?? 0).Add(d.Running.BinWidthSeconds);
        foreach (var curve in d.Running.Curves)
        {
            key.Add(curve.JobName).Add(curve.Series.EndHours).Add(curve.Series.Values.Count);
            for (int i = 0; i < curve.Series.Values.Count; i++)
            {
                key.Add(curve.Series.BinStartHours[i]).Add(curve.Series.Values[i]);
            }
        }
        return Draw(id, $"Running quanta over time, {d.Jira}", Describe(d.Running), memo, key, plot => RunningPlot(plot, d));
    }

    private static void RunningPlot(ScottPlot.Plot plot, CampaignDashboard d)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < d.Running.Curves.Count; i++)
        {
            var (xs, ys) = TimingPlotRenderer.StepPoints(d.Running.Curves[i].Series);
            Step(plot, xs, ys, d.Running.Curves[i].JobName, palette.GetColor(i));
        }
        plot.XLabel(d.Running.Reference is { } r
            ? $"Hours since first job start ({r.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)"
            : "Hours since first job start", 14);
        plot.YLabel($"Running quanta (mean per {TimingPlotRenderer.BinText(d.Running.BinWidthSeconds)})", 14);
        plot.ShowLegend(ScottPlot.Edge.Bottom);
    }

    /// <summary>Horizontal bars of the largest values (task types by failed jobs, by CPU-hours).</summary>
    public string Bars(string id, string title, string axis, IReadOnlyList<(string Label, double Value)> bars, ChartMemo? memo = null)
    {
        using var key = new ChartKey().Add("bars").Add(axis);
        foreach (var (label, value) in bars.Take(MaxBars))
        {
            key.Add(label).Add(value);
        }
        return Draw(id, title, Describe(title, bars), memo, key, plot =>
        {
            var shown = bars.Take(MaxBars).Reverse().ToList();
            var values = shown.Select((b, i) => new ScottPlot.Bar { Position = i, Value = b.Value, FillColor = new ScottPlot.Color(0x2c, 0x5d, 0x9e) }).ToList();
            var series = plot.Add.Bars(values);
            series.Horizontal = true;
            ScottPlot.Tick[] ticks = [.. shown.Select((b, i) => new ScottPlot.Tick(i, Short(b.Label)))];
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Margins(left: 0, bottom: 0.02);
            plot.XLabel(axis, 14);
        }, height: Math.Max(160, 60 + (Math.Min(bars.Count, MaxBars) * 22)));
    }

    private string Draw(string id, string title, string description, ChartMemo? memo, ChartKey key, Action<ScottPlot.Plot> build, int height = Height)
    {
        key.Add(height);
        string svg = memo is null ? Plot(build, height) : memo.Get(key, () => Plot(build, height));
        return Accessible(svg, id, title, description, height);
    }

    private string Plot(Action<ScottPlot.Plot> build, int height)
    {
        ScottPlotFonts.Install(fonts);
        using var plot = new ScottPlot.Plot();
        build(plot);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.FontSize = 12;
        return plot.GetSvgXml(Width, height);
    }

    private static void Step(ScottPlot.Plot plot, double[] xs, double[] ys, string label, ScottPlot.Color color)
    {
        if (xs.Length == 0)
        {
            return;
        }
        var line = plot.Add.Scatter(xs, ys, color);
        line.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = label;
    }

    /// <summary>The root element gets role, labels and a viewBox instead of a fixed size; the XML prolog goes.</summary>
    private static string Accessible(string svg, string id, string title, string description, int height)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        int end = svg.IndexOf('>', start);
        string open = string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" id=\"{id}\">");
        string body = svg[(end + 1)..];
        return "<div class=\"chart-box\">" + open + $"<title id=\"{id}-title\">{Enc(title)}</title><desc id=\"{id}-desc\">{Enc(description)}</desc>"
            + body.Trim() + "</div>";
    }

    private static string Describe(DashboardProgress p) => p.Points.Count == 0
        ? "No job end times in the store."
        : string.Create(CultureInfo.InvariantCulture,
            $"{p.JobsFinished} jobs finished and {p.JobsFailed} failed by {p.Points[^1].TimeUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC. {p.EtaText}.");

    private static string Describe(DashboardRunning r) => r.Curves.Count == 0
        ? "No job start times in the store."
        : string.Create(CultureInfo.InvariantCulture,
            $"Peak running quanta: {string.Join("; ", r.Curves.Select(c => $"{c.JobName} {c.Series.Max:0.#}"))}.");

    private static string Describe(string title, IReadOnlyList<(string Label, double Value)> bars) => bars.Count == 0
        ? $"{title}: none."
        : $"{title}: " + string.Join("; ", bars.Take(MaxBars).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Label} {b.Value:0.##}"))) + ".";

    private static string Short(string label) => label.Length <= 40 ? label : string.Concat(label.AsSpan(0, 39), "…");

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
