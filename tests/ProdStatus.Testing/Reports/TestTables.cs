using System.Globalization;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Testing.Reports;

/// <summary>Extra tables of the shape other collectors produce (a Butler table: one row per <c>&lt;ts&gt;_&lt;label&gt;</c>).</summary>
public static class TestTables
{
    public static StatTable Butler(string jira, int rows)
    {
        TableColumn[] columns = [new("quanta", true), new("CPU s/quantum", true), new("CPU-hours", true), new("max RSS GB", true)];
        var list = Enumerable.Range(0, rows)
            .Select(i => new TableRow(string.Create(CultureInfo.InvariantCulture, $"20220127T205646Z_butler_task_{i:000}"),
                [I(100 + i), F(12.5 + i), F((100 + i) * (12.5 + i) / 3600), F(1.25 + i % 4)]))
            .ToList();
        list.Add(new TableRow("Campaign", [I(list.Count * 100), F(20), F(99.5), F(4.25)], RowStyle.Summary));
        return new StatTable("butlerStat", $"Butler statistics {jira}", "task", columns, list);
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
