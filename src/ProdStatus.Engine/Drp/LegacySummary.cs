using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Drp;

/// <summary>
/// Reads what the original left in Jira: the DRP-54 JSON dictionary, or (when only the rendered table survives) a
/// DRP-53/DRP-55 table, whose timestamps are recovered from the PanDA links.
/// </summary>
public static partial class LegacySummary
{
    public static IReadOnlyList<SummaryRow> Parse(string text, string source)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            return ParseJson(trimmed, source);
        }
        if (trimmed.Contains("||Date||", StringComparison.Ordinal))
        {
            return ParseTable(trimmed);
        }
        throw new UserInputException($"{source}: neither a summary JSON store ({{\"PREOPS-1#ts\": [...]}}) nor a summary table");
    }

    public static IReadOnlyList<SummaryRow> ParseJson(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{source}: not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UserInputException($"{source}: expected a JSON object keyed by '<production>#<timestamp>'");
            }
            var rows = new List<SummaryRow>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                rows.Add(Row(entry, source));
            }
            return rows;
        }
    }

    private static SummaryRow Row(JsonProperty entry, string source)
    {
        var v = entry.Value;
        UserInputException Bad(string problem) => UserInputException.ForField(source, entry.Name, problem);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 5)
        {
            throw Bad("expected [production, drp issue, [T,Q,D,Fa,Sf], panda link, description]");
        }
        var status = v[2];
        if (status.ValueKind != JsonValueKind.Array || status.GetArrayLength() != 5 ||
            status.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number || !n.TryGetInt64(out _)))
        {
            throw Bad("the third element must be five whole numbers [T,Q,D,Fa,Sf]");
        }
        long[] n = status.EnumerateArray().Select(e => e.GetInt64()).ToArray();
        int hash = entry.Name.IndexOf('#', StringComparison.Ordinal);
        string ts = hash >= 0 ? entry.Name[(hash + 1)..] : "0";
        return new SummaryRow(Text(v[0]), Text(v[1]), ts, new StatusCounts(n[0], n[1], n[2], n[3], n[4]), Text(v[3]), Text(v[4]));
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    public static IReadOnlyList<SummaryRow> ParseTable(string table)
    {
        var rows = new List<SummaryRow>();
        foreach (string line in table.ReplaceLineEndings("\n").Split('\n'))
        {
            var m = TableRow().Match(line);
            if (!m.Success)
            {
                continue;
            }
            string link = m.Groups["link"].Value;
            var ts = TimestampInLink().Match(link);
            string timestamp = ts.Success ? ts.Groups[1].Value.ToUpperInvariant() : m.Groups["date"].Value.Replace("-", "", StringComparison.Ordinal);
            long[] n = m.Groups["status"].Value.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            string production = m.Groups["pkey"].Success ? m.Groups["pkey"].Value : m.Groups["pplain"].Value.Trim();
            rows.Add(new SummaryRow(production, m.Groups["drp"].Value.Trim(), timestamp, new StatusCounts(n[0], n[1], n[2], n[3], n[4]),
                link, m.Groups["descrip"].Value));
        }
        return rows;
    }

    [GeneratedRegex(@"^\|\s*(?<date>[^|]*?)\s*\|\s*(?:\[(?<pkey>[^|\]]+)\|[^\]]*\]|(?<pplain>[^|\[]+?))\s*\|\s*(?<drp>[^|]*?)\|\{color:[#\w]+\}(?<status>[0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+)\{color\}\s*\|\s*\[pDa\|(?<link>[^\]]*)\]\s*\|(?<descrip>.*)\|\s*$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"taskname=\*?([0-9]{8}[Tt][0-9]{6}[Zz])")]
    private static partial Regex TimestampInLink();
}
