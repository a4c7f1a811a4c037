namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// A fast path for the block-style YAML that PyYAML writes for a <c>PropertySet</c> (sequences of
/// <c>[name, type, value]</c> triples, one scalar per line, <c>!&lt;lsst.daf.base.PropertySet&gt;</c> tags). It
/// reads lines by indentation and gives up — returning false so the caller uses the full YAML parser — on anything
/// else: flow collections, anchors, block scalars, multi-line or escaped strings.
/// </summary>
internal static class PropertySetFastReader
{
    private const string Tag = "!<lsst.daf.base.PropertySet>";

    private readonly record struct Line(int Indent, int Start, int End);

    public static bool TryRead(string text, MetadataSections sections)
    {
        var lines = Lines(text);
        if (lines.Count == 0)
        {
            return false;
        }
        var header = text.AsSpan(lines[0].Start + lines[0].Indent, lines[0].End - lines[0].Start - lines[0].Indent).Trim();
        if (header.StartsWith("--- "))
        {
            header = header[4..].TrimStart();
        }
        if (!header.SequenceEqual(Tag))
        {
            return false;
        }
        int line = 1, column = -1;
        if (!TryParseSequence(text, lines, ref line, ref column, 0, out var root) || line != lines.Count)
        {
            return false;
        }
        foreach (object item in root)
        {
            if (item is not List<object> { Count: 3 } triple || triple[0] is not string name || triple[1] is not string type)
            {
                return false;
            }
            if (type != "PropertySet" || triple[2] is not List<object> entries)
            {
                continue;
            }
            sections.Touch(name);
            foreach (object entry in entries)
            {
                if (entry is not List<object> { Count: 3 } e || e[0] is not string key || e[1] is not string)
                {
                    return false;
                }
                if (MetadataSections.IsInteresting(key) && (e[2] as string ?? (e[2] as List<object>)?.LastOrDefault() as string) is { } value)
                {
                    sections.Set(name, key, MetaValue.OfText(value));
                }
            }
        }
        return true;
    }

    /// <summary>A block sequence whose items start with <c>- </c> at <paramref name="indent"/>; the first may continue a line.</summary>
    private static bool TryParseSequence(string text, List<Line> lines, ref int line, ref int column, int indent, out List<object> items)
    {
        items = [];
        while (line < lines.Count)
        {
            var current = lines[line];
            int at = column >= 0 ? column : current.Indent;
            if (at < indent)
            {
                break;
            }
            var rest = text.AsSpan(current.Start + at, current.End - current.Start - at);
            if (at > indent || !(rest.StartsWith("- ") || rest.SequenceEqual("-")))
            {
                return false;
            }
            var content = rest.Length > 2 ? rest[2..].TrimEnd() : [];
            if (content.StartsWith("- "))
            {
                column = at + 2;
                if (!TryParseSequence(text, lines, ref line, ref column, at + 2, out var nested))
                {
                    return false;
                }
                items.Add(nested);
                continue;
            }
            line++;
            column = -1;
            if (content.StartsWith("!<"))
            {
                int close = content.IndexOf('>');
                content = close < 0 ? content : content[(close + 1)..].Trim();
                if (close < 0 || (content.Length == 0 && !TryParseNested(text, lines, ref line, at + 2, items)))
                {
                    return false;
                }
                if (content.Length == 0)
                {
                    continue;
                }
            }
            if (content.SequenceEqual("[]"))
            {
                items.Add(new List<object>());
            }
            else if (TryScalar(content, out string? scalar))
            {
                items.Add(scalar);
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParseNested(string text, List<Line> lines, ref int line, int indent, List<object> items)
    {
        int column = -1;
        if (!TryParseSequence(text, lines, ref line, ref column, indent, out var nested))
        {
            return false;
        }
        items.Add(nested);
        return true;
    }

    private static bool TryScalar(ReadOnlySpan<char> content, out string value)
    {
        value = "";
        if (content.Length == 0 || "[{|>&*!%@`#".Contains(content[0]))
        {
            return false;
        }
        if (content[0] == '\'')
        {
            if (content.Length < 2 || content[^1] != '\'')
            {
                return false;
            }
            value = content[1..^1].ToString().Replace("''", "'", StringComparison.Ordinal);
            return true;
        }
        if (content[0] == '"')
        {
            if (content.Length < 2 || content[^1] != '"' || content.Contains('\\'))
            {
                return false;
            }
            value = content[1..^1].ToString();
            return true;
        }
        if (content.Contains(" #", StringComparison.Ordinal) || content.Contains(": ", StringComparison.Ordinal))
        {
            return false;
        }
        value = content.ToString();
        return true;
    }

    /// <summary>Non-blank lines with their indentation; the document end marker <c>...</c> is dropped.</summary>
    private static List<Line> Lines(string text)
    {
        var lines = new List<Line>(text.Length / 24);
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
            int indent = 0;
            while (start + indent < stop && text[start + indent] == ' ')
            {
                indent++;
            }
            if (start + indent < stop && !(stop - start - indent == 3 && text.AsSpan(start + indent, 3).SequenceEqual("...")))
            {
                lines.Add(new Line(indent, start, stop));
            }
            start = end + 1;
        }
        return lines;
    }
}
