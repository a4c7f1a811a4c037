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
    internal static string Cell(string value) => value.Length == 0 ? " " : Text(value);

    /// <summary>A <c>||a||b||</c> header line.</summary>
    public static string Header(params string[] headers) => "||" + string.Concat(headers.Select(h => Text(h) + "||")) + "\n";

    /// <summary>
    /// Cell text with everything that would end the cell or start markup escaped (<c>|</c>, <c>{</c>, <c>[</c>, line
    /// breaks). Every data cell of every wiki table goes through it (or <see cref="Link"/>/<see cref="Colour"/>).
    /// </summary>
    public static string Text(string value) => value
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal)
        .Replace("{", "\\{", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal);

    /// <summary><c>[text|url]</c>: the text escaped, the characters that would end the link percent-encoded in the URL.</summary>
    public static string Link(string text, string url) => $"[{Text(text).Replace("]", "\\]", StringComparison.Ordinal)}|{Url(url)}]";

    /// <summary><c>{color:c}text{color}</c> with the text escaped.</summary>
    public static string Colour(string colour, string text) => $"{{color:{colour}}}{Text(text)}{{color}}";

    private static string Url(string url) => url
        .Replace("|", "%7C", StringComparison.Ordinal)
        .Replace("[", "%5B", StringComparison.Ordinal)
        .Replace("]", "%5D", StringComparison.Ordinal)
        .Replace(" ", "%20", StringComparison.Ordinal)
        .Replace("\n", "", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);
}
