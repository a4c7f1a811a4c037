using System.Text;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>
/// The Jira wiki text that report-to-jira and update-stat post: a title line (with the leading space the original
/// wrote, so existing token lists keep matching), the table name, a <c>||h||</c> header and <c>|c|</c> rows.
/// </summary>
public static class JiraWikiTableWriter
{
    public static string Write(StatTable table)
    {
        var sb = new StringBuilder();
        sb.Append(' ').Append(table.Title).Append('\n');
        sb.Append(table.Name).Append('\n');
        sb.Append("||").Append(Cell(table.IndexHeader)).Append("||");
        foreach (var column in table.Columns)
        {
            sb.Append(Cell(column.Header)).Append("||");
        }
        sb.Append('\n');
        foreach (var row in table.Rows)
        {
            sb.Append('|').Append(Cell(row.Name)).Append('|');
            foreach (string cell in row.Cells)
            {
                sb.Append(Cell(cell)).Append('|');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Escapes what would break a wiki table cell; an empty cell becomes a space (Jira drops empty cells).</summary>
    internal static string Cell(string value)
    {
        if (value.Length == 0)
        {
            return " ";
        }
        return value
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("{", "\\{", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
    }
}
