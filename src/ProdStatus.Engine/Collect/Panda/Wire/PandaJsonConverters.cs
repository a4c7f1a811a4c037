using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Collect.Panda.Wire;

/// <summary>A naive UTC monitor timestamp in either form; null, empty or unparseable values read as null.</summary>
internal sealed class PandaTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        Span<char> chars = stackalloc char[64];
        if (raw.Length > chars.Length || reader.ValueIsEscaped)
        {
            return UtcTimestamps.TryParse(reader.GetString(), out var slow) ? slow : null;
        }
        int n = System.Text.Encoding.UTF8.GetChars(raw, chars);
        return UtcTimestamps.TryParse(chars[..n], out var value) ? value : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// A number the monitor sends as a JSON number, a numeric string (<c>maxpss</c> in MB when <c>jeditaskid</c> is in the
/// query, <c>cpuconversion</c>), an empty string or null.
/// </summary>
internal sealed class FlexibleDoubleConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String:
                ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                return Utf8Parser.TryParse(raw, out double d, out int consumed) && consumed == raw.Length ? d : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>An integer that may come as a number (possibly <c>2.0</c>), a string or null.</summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out long l) ? l : (long)Math.Round(reader.GetDouble());
            case JsonTokenType.String:
                ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                return Utf8Parser.TryParse(raw, out long v, out int consumed) && consumed == raw.Length ? v : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// Free text read without failing: a lone escaped surrogate (valid JSON, invalid UTF-16) becomes U+FFFD, a number is
/// kept as its text, anything else reads as null.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    return reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    byte[] raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                    return Unescape(System.Text.Encoding.UTF8.GetString(raw));
                }
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Undoes JSON escapes by hand, then replaces unpaired surrogates.</summary>
    internal static string Unescape(string escaped)
    {
        var chars = new System.Text.StringBuilder(escaped.Length);
        for (int i = 0; i < escaped.Length; i++)
        {
            char c = escaped[i];
            if (c != '\\' || i + 1 >= escaped.Length)
            {
                chars.Append(c);
                continue;
            }
            char e = escaped[++i];
            switch (e)
            {
                case 'u' when i + 4 < escaped.Length &&
                    ushort.TryParse(escaped.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort code):
                    chars.Append((char)code);
                    i += 4;
                    break;
                case 'n': chars.Append('\n'); break;
                case 't': chars.Append('\t'); break;
                case 'r': chars.Append('\r'); break;
                case 'b': chars.Append('\b'); break;
                case 'f': chars.Append('\f'); break;
                default: chars.Append(e); break;
            }
        }
        for (int i = 0; i < chars.Length; i++)
        {
            bool paired = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
            if (paired)
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return chars.ToString();
    }
}
