using System.Globalization;
using System.Text.RegularExpressions;

namespace ProdStatus.Engine.Drp;

/// <summary>(T,Q,D,Fa,Sf): tasks, files/quanta, tasks done, failed, subfinished.</summary>
public sealed record StatusCounts(long Tasks, long Files, long Finished, long Failed, long SubFinished)
{
    public static readonly StatusCounts Zero = new(0, 0, 0, 0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Tasks},{Files},{Finished},{Failed},{SubFinished}");
}

/// <summary>What a DRP workflow issue says about itself.</summary>
/// <param name="Timestamp">From the summary, as written; <c>0</c> when the summary has none.</param>
/// <param name="What">The step list before <c>#</c>; <c>0</c> when the summary does not parse.</param>
public sealed record DrpIssueInfo(string Timestamp, StatusCounts Status, string HiLow, string PandaLink, string What);

/// <summary>
/// Reads the summary <c>&lt;steps&gt;#&lt;campaign&gt;/&lt;ts&gt;</c> and the description lines the original wrote
/// (data query ranges, status line, PanDA link), spacing quirks included. Lines are read in order and later matches win.
/// </summary>
public static partial class DrpIssueParser
{
    public static (string What, string Timestamp) ParseSummary(string summary)
    {
        var m = SummaryPattern().Match(summary);
        return m.Success ? (m.Groups[1].Value, m.Groups[3].Value) : ("0", "0");
    }

    public static DrpIssueInfo Parse(string description, string summary)
    {
        var (what, ts) = ParseSummary(summary);
        string hilow = "()";
        var status = StatusCounts.Zero;
        string link = "";
        foreach (string line in description.ReplaceLineEndings("\n").Split('\n'))
        {
            if (TractIn().Match(line) is { Success: true } t1)
            {
                hilow = t1.Groups[2].Value;
            }
            if (TractEquals().Match(line) is { Success: true } t2)
            {
                hilow = "(" + t2.Groups[2].Value + ")";
            }
            hilow = Range(TractRange().Match(line)) ?? hilow;
            hilow = Range(ExposureRange().Match(line)) ?? hilow;
            hilow = Range(VisitRange().Match(line)) ?? hilow;
            if (DetectorExposure().Match(line) is { Success: true } d && Int(d.Groups[2].Value) is { } det &&
                Range(d, 3) is { } exposures)
            {
                hilow = exposures + "d" + det.ToString(CultureInfo.InvariantCulture);
            }
            if (StatusLine().Match(line) is { Success: true } s && Int(s.Groups[2].Value) is { } nt && Int(s.Groups[3].Value) is { } nq &&
                Int(s.Groups[4].Value) is { } nd && Int(s.Groups[5].Value) is { } nfa && Int(s.Groups[6].Value) is { } nsf)
            {
                status = new StatusCounts(nt, nq, nd, nfa, nsf);
            }
            if (PandaLinkLine().Match(line) is { Success: true } p)
            {
                link = p.Groups[2].Value;
            }
        }
        return new DrpIssueInfo(ts, status, hilow, link, what);
    }

    /// <summary>The production issue named by the description's <c>PanDA PREOPS: &lt;KEY&gt; link:</c> line; null without one.</summary>
    public static Domain.IssueKey? ProductionIssue(string? description)
    {
        const string marker = "PanDA PREOPS:";
        foreach (string line in (description ?? "").Split('\n'))
        {
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            string[] words = at < 0 ? [] : line[(at + marker.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && Domain.IssueKey.TryParse(words[0], out var key))
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>The status line update-stat writes; its empty <c>nProc:</c> is what the parser above expects.</summary>
    public static string StatusLine(string status, StatusCounts c, long remaining) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Status:{status} nTasks:{c.Tasks} nFiles:{c.Files} nRemain:{remaining} nProc: nFinish:{c.Finished} nFail:{c.Failed} nSubFinish:{c.SubFinished}");

    private static string? Range(Match m, int first = 2) =>
        m.Success && Int(m.Groups[first].Value) is { } lo && Int(m.Groups[first + 1].Value) is { } hi
            ? string.Create(CultureInfo.InvariantCulture, $"({lo},{hi})")
            : null;

    /// <summary>Python's <c>int()</c>: surrounding blanks allowed; anything else (or empty) is no number.</summary>
    private static long? Int(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;

    [GeneratedRegex("^(.*)#(.*)(20[0-9]{6}[Tt][0-9]{6}[Zz])")]
    private static partial Regex SummaryPattern();

    [GeneratedRegex("^(.*)tract in (.*)")]
    private static partial Regex TractIn();

    [GeneratedRegex("^(.*)tract *=( *[0-9]*)")]
    private static partial Regex TractEquals();

    [GeneratedRegex("^(.*)tract *>=( *[0-9]*) and tract *<=( *[0-9]*)")]
    private static partial Regex TractRange();

    [GeneratedRegex("^(.*)exposure *>=( *[0-9]*) and exposure *<=( *[0-9]*)")]
    private static partial Regex ExposureRange();

    [GeneratedRegex("^(.*)visit *>=( *[0-9]*) and visit *<=( *[0-9]*)")]
    private static partial Regex VisitRange();

    [GeneratedRegex("^(.*)detector *>=( *[0-9]*).*exposure *>=( *[0-9]*) and exposure *<=( *[0-9]*)")]
    private static partial Regex DetectorExposure();

    [GeneratedRegex("^(.*)Status:.*nTasks:(.*)nFiles:(.*)nRemain.*nProc: nFinish:(.*) nFail:(.*) nSubFinish:(.*)")]
    private static partial Regex StatusLine();

    [GeneratedRegex("^(.*)PanDA.*link:(.*)")]
    private static partial Regex PandaLinkLine();
}
