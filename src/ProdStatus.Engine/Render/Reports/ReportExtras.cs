using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Render.Reports;

/// <summary>What a report adds to the PanDA statistics: the data window, further tables (Butler) and plots (timing).</summary>
public sealed record ReportExtras(DataWindow? Window = null, IReadOnlyList<StatTable>? Tables = null, IReadOnlyList<ReportPlot>? Plots = null)
{
    public static readonly ReportExtras None = new();
}
