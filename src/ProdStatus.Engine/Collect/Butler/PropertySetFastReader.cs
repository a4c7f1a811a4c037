namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// A fast path for the block-style YAML that PyYAML writes for a <c>PropertySet</c> (sequences of
/// <c>[name, type, value]</c> triples, one scalar per line, <c>!&lt;lsst.daf.base.PropertySet&gt;</c> tags). It
/// walks the lines once by indentation, without building a tree: only section names and the values of interesting
/// keys become strings. It gives up — returning false so the caller uses the full YAML parser — on anything else:
/// flow collections, anchors, block scalars, multi-line or escaped strings, values at unexpected indentation.
/// </summary>
/// <remarks>
/// Layout: top-level triples at indent 0/2 (<c>- - name</c>, <c>  - PropertySet</c>, <c>  - !&lt;…PropertySet&gt;</c>);
/// their entries at indent 4/6; a list value continues at indent 8; a nested PropertySet's lines are deeper than 6 and
/// are skipped (only top-level sections count, as in the full reader).
/// </remarks>
internal static class PropertySetFastReader
{
    private const string Tag = "!<lsst.daf.base.PropertySet>";

    public static bool TryRead(string text, MetadataSections sections)
    {
        var reader = new LineReader(text);
        if (!reader.Next(out int indent, out var header) || indent != 0)
        {
            return false;
        }
        if (header.StartsWith("--- "))
        {
            header = header[4..].TrimStart();
        }
        if (!header.SequenceEqual(Tag))
        {
            return false;
        }
        bool more = reader.Next(out indent, out var line);
        while (more)
        {
            // "- - name" / "  - type" / "  - value"
            if (indent != 0 || !Item(ref line) || !Item(ref line) || !TryScalar(line, out var name, out bool nameEscaped))
            {
                return false;
            }
            if (!reader.Next(out indent, out line) || indent != 2 || !Item(ref line) || !TryScalar(line, out var type, out _))
            {
                return false;
            }
            if (!reader.Next(out indent, out line) || indent != 2 || !Item(ref line))
            {
                return false;
            }
            if (!type.SequenceEqual("PropertySet") || !line.StartsWith(Tag))
            {
                return false; // top-level values other than PropertySets do not occur; let the full parser judge
            }
            string section = Text(name, nameEscaped);
            sections.Touch(section);
            var rest = line[Tag.Length..].Trim();
            if (rest.SequenceEqual("[]"))
            {
                more = reader.Next(out indent, out line);
                continue;
            }
            if (rest.Length > 0)
            {
                return false;
            }
            more = reader.Next(out indent, out line);
            if (!more || indent != 4)
            {
                return false; // a tag with no entries is a null value to a YAML parser, not an empty PropertySet
            }
            while (more && indent == 4)
            {
                if (!Entry(ref reader, section, sections, ref line, out more, out indent))
                {
                    return false;
                }
            }
            if (more && indent != 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>One <c>- - key</c> / <c>- type</c> / <c>- value</c> entry of a section; leaves the reader on the next line.</summary>
    private static bool Entry(ref LineReader reader, string section, MetadataSections sections, ref ReadOnlySpan<char> line, out bool more, out int indent)
    {
        more = false;
        indent = 0;
        if (!Item(ref line) || !Item(ref line) || !TryScalar(line, out var key, out bool keyEscaped))
        {
            return false;
        }
        if (!reader.Next(out indent, out line) || indent != 6 || !Item(ref line) || !TryScalar(line, out _, out _))
        {
            return false;
        }
        if (!reader.Next(out indent, out line) || indent != 6 || !Item(ref line))
        {
            return false;
        }
        ReadOnlySpan<char> value = default;
        bool escaped = false, hasValue = false;
        if (line.StartsWith("- ") || line.SequenceEqual("-"))
        {
            // A multi-element array: "- - first" here, "- next" at indent 8; the last element counts.
            if (!Item(ref line) || !TryScalar(line, out value, out escaped))
            {
                return false;
            }
            hasValue = true;
            while ((more = reader.Next(out indent, out line)) && indent == 8)
            {
                if (!Item(ref line) || !TryScalar(line, out value, out escaped))
                {
                    return false;
                }
            }
        }
        else if (line.StartsWith("!<"))
        {
            int close = line.IndexOf('>');
            if (close < 0)
            {
                return false;
            }
            var rest = line[(close + 1)..].Trim();
            if (rest.Length == 0)
            {
                // A nested PropertySet: every deeper line must still be a block sequence item; none of it counts.
                while ((more = reader.Next(out indent, out line)) && indent > 6)
                {
                    if (!Item(ref line) || !(line.StartsWith("- ") || line.StartsWith("!<") || TryScalar(line, out _, out _)))
                    {
                        return false;
                    }
                }
                return true;
            }
            if (!rest.SequenceEqual("[]"))
            {
                if (!TryScalar(rest, out value, out escaped))
                {
                    return false;
                }
                hasValue = true;
            }
            more = reader.Next(out indent, out line);
        }
        else
        {
            if (!line.SequenceEqual("[]"))
            {
                if (!TryScalar(line, out value, out escaped))
                {
                    return false;
                }
                hasValue = true;
            }
            more = reader.Next(out indent, out line);
        }
        if (hasValue && MetadataSections.IsInteresting(key))
        {
            sections.Set(section, Text(key, keyEscaped), MetaValue.OfText(Text(value, escaped)));
        }
        return true;
    }

    /// <summary>Consumes a leading <c>- </c> (or a lone <c>-</c>, an empty item, which is declined later).</summary>
    private static bool Item(ref ReadOnlySpan<char> line)
    {
        if (!line.StartsWith("- "))
        {
            return false;
        }
        line = line[2..].TrimStart(' ');
        return true;
    }

    /// <summary>A plain or quoted scalar on one line; <paramref name="escaped"/> when single quotes were doubled.</summary>
    private static bool TryScalar(ReadOnlySpan<char> content, out ReadOnlySpan<char> value, out bool escaped)
    {
        content = content.TrimEnd();
        value = default;
        escaped = false;
        if (content.Length == 0 || "[{|>&*!%@`#-".Contains(content[0]))
        {
            return content.Length > 1 && content[0] == '-' && content[1] != ' ' && Plain(content, out value);
        }
        if (content[0] == '\'')
        {
            if (content.Length < 2 || content[^1] != '\'')
            {
                return false;
            }
            value = content[1..^1];
            escaped = value.Contains('\'');
            return true;
        }
        if (content[0] == '"')
        {
            if (content.Length < 2 || content[^1] != '"' || content.Contains('\\'))
            {
                return false;
            }
            value = content[1..^1];
            return true;
        }
        return Plain(content, out value);
    }

    private static bool Plain(ReadOnlySpan<char> content, out ReadOnlySpan<char> value)
    {
        value = content;
        return !content.Contains(" #", StringComparison.Ordinal) && !content.Contains(": ", StringComparison.Ordinal) && content[^1] != ':';
    }

    private static string Text(ReadOnlySpan<char> value, bool escaped) =>
        escaped ? value.ToString().Replace("''", "'", StringComparison.Ordinal) : value.ToString();

    /// <summary>Non-blank lines with their indentation; the document end marker <c>...</c> is dropped.</summary>
    private ref struct LineReader(string text)
    {
        private int _start;

        public bool Next(out int indent, out ReadOnlySpan<char> line)
        {
            while (_start < text.Length)
            {
                int end = text.IndexOf('\n', _start);
                end = end < 0 ? text.Length : end;
                int stop = end > _start && text[end - 1] == '\r' ? end - 1 : end;
                int lineStart = _start;
                _start = end + 1;
                indent = 0;
                while (lineStart + indent < stop && text[lineStart + indent] == ' ')
                {
                    indent++;
                }
                line = text.AsSpan(lineStart + indent, stop - lineStart - indent);
                if (line.Length > 0 && !line.SequenceEqual("..."))
                {
                    return true;
                }
            }
            indent = 0;
            line = default;
            return false;
        }
    }
}
