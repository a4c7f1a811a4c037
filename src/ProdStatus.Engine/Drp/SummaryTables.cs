using System.Text;
using static ProdStatus.Engine.Render.Tables.JiraWikiTableWriter;

using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Drp;

/// <summary>
/// The summary tables the original kept in DRP-53 (all workflows) and DRP-55 (step1 only), byte for byte: rows by key
/// descending, date from the timestamp, coloured <c>T,Q,D,Fa,Sf</c>, DESCRIP cut to 28 (25 for step1) characters.
/// </summary>
public static class SummaryTables
{
    public static readonly string TableHeader = Header("Date", "PREOPS", "STATS", "(T,Q,D,Fa,Sf)", "PANDA", "DESCRIP");

    public static string All(IEnumerable<SummaryRow> rows, string browseUrl)
    {
        var sb = new StringBuilder(TableHeader);
        foreach (var row in rows.OrderByDescending(r => r.Key, StringComparer.Ordinal))
        {
            sb.Append("| ").Append(Text(Date(row.Timestamp))).Append(" | ").Append(Link(row.ProductionIssue, browseUrl)).Append(" | ")
              .Append(Text(row.DrpIssue)).Append('|').Append(StatusCell(row.Status, withProgressRule: true))
              .Append("| ").Append(PandaLink(row.PandaLink)).Append(" |").Append(Text(Cut(row.Description, 28))).Append("|\n");
        }
        return sb.ToString();
    }

    public static string Step1(IEnumerable<SummaryRow> rows, string browseUrl)
    {
        var sb = new StringBuilder(TableHeader);
        foreach (var row in rows.Where(r => r.Description.StartsWith("step1", StringComparison.Ordinal))
                     .OrderByDescending(r => r.Key, StringComparer.Ordinal))
        {
            sb.Append("| ").Append(Text(Date(row.Timestamp))).Append(" | ").Append(Link(row.ProductionIssue, browseUrl)).Append(" | ")
              .Append(Text(row.DrpIssue)).Append('|').Append(StatusCell(row.Status, withProgressRule: false))
              .Append(" | ").Append(PandaLink(row.PandaLink)).Append(" |").Append(Text(Cut(row.Description, 25))).Append("|\n");
        }
        return sb.ToString();
    }

    /// <summary>Rules applied in order, later wins: black; failures red; all done or subfinished black; all done green;
    /// nothing failed and no files blue; (DRP-53 and map tables) tasks still running blue.</summary>
    public static string Colour(StatusCounts s, bool withProgressRule)
    {
        string colour = "black";
        if (s.Failed > 0)
        {
            colour = "red";
        }
        if (s.Tasks == s.Finished + s.SubFinished)
        {
            colour = "black";
        }
        if (s.Tasks == s.Finished)
        {
            colour = "green";
        }
        if (s.Failed == 0 && s.Files == 0)
        {
            colour = "blue";
        }
        if (withProgressRule && s.Tasks > s.Finished + s.Failed + s.SubFinished)
        {
            colour = "blue";
        }
        return colour;
    }

    /// <summary><c>[KEY|&lt;browse&gt;KEY]</c>, or the bare key when no browse URL is configured.</summary>
    public static string Link(string key, string browseUrl) =>
        browseUrl.Length == 0 ? Text(key) : JiraWikiTableWriter.Link(key, browseUrl + key);

    /// <summary>The coloured <c>T,Q,D,Fa,Sf</c> cell.</summary>
    public static string StatusCell(StatusCounts status, bool withProgressRule) =>
        JiraWikiTableWriter.Colour(Colour(status, withProgressRule), status.ToString());

    private static string PandaLink(string url) => JiraWikiTableWriter.Link("pDa", url);

    /// <summary><c>ts[0:4]-ts[4:6]-ts[6:8]</c> with Python's forgiving slices.</summary>
    internal static string Date(string ts) => $"{Slice(ts, 0, 4)}-{Slice(ts, 4, 6)}-{Slice(ts, 6, 8)}";

    internal static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    private static string Slice(string s, int from, int to) => from >= s.Length ? "" : s[from..Math.Min(to, s.Length)];
}
