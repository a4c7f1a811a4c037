using System.Text;
using System.Text.Json;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Reads TaskMetadata JSON (<c>{"scalars","arrays","metadata"}</c>) or a plain <c>{section: {key: value}}</c>
/// mapping with a forward-only <see cref="Utf8JsonReader"/>, keeping only the values usage needs. Bare
/// <c>NaN</c>/<c>Infinity</c> (pydantic's <c>ser_json_inf_nan="constants"</c>) are read as missing values.
/// </summary>
internal static class JsonMetadataReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <exception cref="JsonException">The document is not JSON (truncated, binary).</exception>
    public static MetadataSections Read(ReadOnlySpan<byte> utf8)
    {
        byte[]? rewritten = NonFiniteLiterals.Rewrite(utf8);
        var reader = new Utf8JsonReader(rewritten ?? utf8, Options);
        var sections = new MetadataSections();
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader, out string name))
        {
            reader.Read();
            if (name == "metadata" && reader.TokenType == JsonTokenType.StartObject)
            {
                while (NextProperty(ref reader, out string section))
                {
                    reader.Read();
                    ReadTaskMetadata(ref reader, section, sections);
                }
            }
            else if (name is "scalars" or "arrays")
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadValues(ref reader, name, sections);
            }
            else
            {
                reader.Skip();
            }
        }
        return sections;
    }

    private static void ReadTaskMetadata(ref Utf8JsonReader reader, string section, MetadataSections sections)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        sections.Touch(section);
        while (NextProperty(ref reader, out string part))
        {
            reader.Read();
            if (part is "scalars" or "arrays" && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadValues(ref reader, section, sections);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadValues(ref Utf8JsonReader reader, string section, MetadataSections sections)
    {
        sections.Touch(section);
        while (NextPropertyToken(ref reader))
        {
            if (!IsInteresting(ref reader))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            string key = Text(ref reader);
            reader.Read();
            MetaValue? value = null;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    value = Scalar(ref reader) ?? value; // the last element wins
                }
            }
            else
            {
                value = Scalar(ref reader);
            }
            if (value is { } v)
            {
                sections.Set(section, key, v);
            }
        }
    }

    private static MetaValue? Scalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return MetaValue.OfNumber(reader.TryGetDouble(out double d) ? d : double.NaN);
            case JsonTokenType.String:
                return MetaValue.OfText(Text(ref reader));
            case JsonTokenType.Null:
                return MetaValue.OfNumber(double.NaN);
            case JsonTokenType.True or JsonTokenType.False:
                return MetaValue.OfNumber(reader.TokenType == JsonTokenType.True ? 1 : 0);
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>Most keys are not wanted: decide on the raw bytes before making a string.</summary>
    private static bool IsInteresting(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return MetadataSections.IsInteresting(Text(ref reader));
        }
        var name = reader.ValueSpan;
        return name.EndsWith("Utc"u8) || name.EndsWith("CpuTime"u8) || name.EndsWith("MaxResidentSetSize"u8) || name.SequenceEqual("__version__"u8);
    }

    /// <summary>Moves to the next property name of the current object, or returns false at its end.</summary>
    private static bool NextPropertyToken(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("unexpected end of data");
        }
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }
        return reader.TokenType == JsonTokenType.PropertyName
            ? true
            : throw new JsonException($"expected a property name, found {reader.TokenType}");
    }

    /// <summary>Next property name of the current object, or false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        name = NextPropertyToken(ref reader) ? Text(ref reader) : "";
        return name.Length > 0 || reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Invalid UTF-8 inside strings becomes U+FFFD instead of failing the whole document.</summary>
    private static string Text(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? SafeGetString(ref reader) : Encoding.UTF8.GetString(reader.ValueSpan);

    private static string SafeGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"expected {type} at the start of the document");
        }
    }
}
