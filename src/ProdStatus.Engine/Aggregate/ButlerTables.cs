using System.Globalization;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Aggregate;

/// <summary>The get-butler-stat table. Name, title line and index header keep the original's tokens.</summary>
public static class ButlerTables
{
    public const string TableName = "butlerStat";

    public static StatTable Build(string jira, IReadOnlyList<ButlerRowStats> rows, ButlerRowStats campaign)
    {
        TableColumn[] columns =
        [
            new("quanta", true), new("quanta read", true), new("first start (UTC)"), new("CPU s/quantum", true),
            new("CPU s max", true), new("wall s/quantum", true), new("CPU-hours", true), new("max RSS GB", true),
            new("p95 RSS GB", true),
        ];
        var tableRows = rows.Select(r => Row(r, r.Read < r.Quanta - r.NoFile ? RowStyle.Warning : RowStyle.Normal)).ToList();
        tableRows.Add(Row(campaign, RowStyle.Summary));
        return new StatTable(TableName, $"Campaign Butler statistics {jira}", "Workflow Task", columns, tableRows);
    }

    private static TableRow Row(ButlerRowStats r, RowStyle style) => new(r.Row,
        [
            I(r.Quanta), I(r.Read), UtcTimestamps.Format(r.FirstStart), F(r.CpuMean, "0.00"), F(r.CpuMax, "0.00"),
            F(r.WallMean, "0.00"), F(r.CpuHours, "0.00"), F(r.MaxRssGb, "0.00"), F(r.P95RssGb, "0.00"),
        ], style);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
