using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Render.Slack;

/// <summary>A <see cref="StatTable"/> as the native table block, cut to Slack's 100 rows × 20 cells.</summary>
public static class SlackTables
{
    public static TableBlock From(StatTable table, out int rowsCut)
    {
        int columns = Math.Min(table.Columns.Count + 1, SlackLimits.MaxTableCells);
        int dataRows = Math.Min(table.Rows.Count, SlackLimits.MaxTableRows - 1); // one row is the header
        rowsCut = table.Rows.Count - dataRows;
        var rows = new List<IReadOnlyList<RawTextCell>>
        {
            new[] { table.IndexHeader }.Concat(table.Columns.Select(c => c.Header)).Take(columns).Select(h => new RawTextCell(h)).ToList(),
        };
        rows.AddRange(table.Rows.Take(dataRows).Select(r =>
            (IReadOnlyList<RawTextCell>)new[] { r.Name }.Concat(r.Cells).Take(columns).Select(c => new RawTextCell(c)).ToList()));
        var settings = new[] { new ColumnSetting(IsWrapped: true) }
            .Concat(table.Columns.Take(columns - 1).Select(c => c.Numeric ? new ColumnSetting(Align: "right") : new ColumnSetting()))
            .ToList();
        return new TableBlock(rows, settings);
    }
}
