using System.Net;
using System.Text;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>A self-contained HTML page: failed rows red, partly done rows yellow, numbers right-aligned.</summary>
public static class HtmlTableWriter
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 13px; margin: 1.5em; color: #222; }
        h1 { font-size: 16px; margin: 0 0 .2em 0; }
        p.meta { color: #666; margin: 0 0 1em 0; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #bbb; padding: 3px 8px; white-space: nowrap; }
        th { background: #e8ecf2; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.failed td { background: #f8c9c4; }
        tr.warning td { background: #fbeeb0; }
        tr.summary td { font-weight: bold; background: #f2f2f2; }
        """;

    public static string Write(StatTable table, DateTimeOffset generatedUtc)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
          .Append(Enc(table.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style></head>\n<body>\n")
          .Append("<h1>").Append(Enc(table.Title)).Append("</h1>\n")
          .Append("<p class=\"meta\">").Append(Enc(table.Name)).Append(" &middot; generated ")
          .Append(generatedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
          .Append(" UTC</p>\n<table>\n<thead><tr><th>").Append(Enc(table.IndexHeader)).Append("</th>");
        foreach (var column in table.Columns)
        {
            sb.Append("<th>").Append(Enc(column.Header)).Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            string cls = row.Style switch
            {
                RowStyle.Failed => " class=\"failed\"",
                RowStyle.Warning => " class=\"warning\"",
                RowStyle.Summary => " class=\"summary\"",
                _ => "",
            };
            sb.Append("<tr").Append(cls).Append("><td>").Append(Enc(row.Name)).Append("</td>");
            for (int i = 0; i < row.Cells.Count; i++)
            {
                bool numeric = i < table.Columns.Count && table.Columns[i].Numeric;
                sb.Append(numeric ? "<td class=\"num\">" : "<td>").Append(Enc(row.Cells[i])).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</body></html>\n");
        return sb.ToString();
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
