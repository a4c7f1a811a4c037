using System.Text;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>RFC 4180 CSV: the row-name column first, then the table's columns.</summary>
public static class CsvTableWriter
{
    public static string Write(StatTable table)
    {
        var sb = new StringBuilder();
        AppendLine(sb, table.Columns.Select(c => c.Header).Prepend(table.IndexHeader));
        foreach (var row in table.Rows)
        {
            AppendLine(sb, row.Cells.Prepend(row.Name));
        }
        return sb.ToString();
    }

    private static void AppendLine(StringBuilder sb, IEnumerable<string> cells)
    {
        bool first = true;
        foreach (string cell in cells)
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            sb.Append(Quote(cell));
        }
        sb.Append("\r\n");
    }

    internal static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
