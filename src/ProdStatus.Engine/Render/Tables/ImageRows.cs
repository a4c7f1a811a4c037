using System.Globalization;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>
/// The rows a table image shows: all of them when they fit, else the totals rows plus the rows with the most
/// CPU-hours (the first ones when the table has no CPU-hours column), kept in table order.
/// </summary>
public static class ImageRows
{
    /// <summary>Header of the column that ranks rows.</summary>
    public const string RankColumn = "CPU-hours";

    /// <param name="maxRows">Rows shown at most, totals included.</param>
    public static ImageRowSelection Select(StatTable table, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var rows = table.Rows;
        if (rows.Count <= maxRows)
        {
            return new ImageRowSelection(rows, 0);
        }
        var summaries = new List<int>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Style == RowStyle.Summary)
            {
                summaries.Add(i);
            }
        }
        int room = Math.Max(0, maxRows - summaries.Count);
        int rank = IndexOf(table.Columns, RankColumn);
        // A bounded heap: the smallest kept value is on top, so a million-row table costs `room` entries.
        var kept = new PriorityQueue<int, (double Value, int Order)>(room + 1);
        for (int i = 0; i < rows.Count && room > 0; i++)
        {
            if (rows[i].Style == RowStyle.Summary)
            {
                continue;
            }
            // Without a rank column, earlier rows win: the priority is then the negated position.
            var priority = rank >= 0 ? (Value(rows[i], rank), -i) : (-i, -i);
            if (kept.Count < room)
            {
                kept.Enqueue(i, priority);
            }
            else if (kept.TryPeek(out _, out var lowest) && priority.CompareTo(lowest) > 0)
            {
                kept.EnqueueDequeue(i, priority);
            }
        }
        var chosen = new List<int>(kept.Count + summaries.Count);
        while (kept.TryDequeue(out int index, out _))
        {
            chosen.Add(index);
        }
        chosen.AddRange(summaries);
        chosen.Sort();
        return new ImageRowSelection(chosen.ConvertAll(i => rows[i]), rows.Count - chosen.Count);
    }

    private static int IndexOf(IReadOnlyList<TableColumn> columns, string header)
    {
        for (int c = 0; c < columns.Count; c++)
        {
            if (string.Equals(columns[c].Header, header, StringComparison.Ordinal))
            {
                return c;
            }
        }
        return -1;
    }

    private static double Value(TableRow row, int column) =>
        column < row.Cells.Count && double.TryParse(row.Cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : double.NegativeInfinity;
}

/// <param name="Rows">The rows to draw, in table order.</param>
/// <param name="Hidden">Rows left out of the image (they are in the CSV).</param>
public sealed record ImageRowSelection(IReadOnlyList<TableRow> Rows, int Hidden);
