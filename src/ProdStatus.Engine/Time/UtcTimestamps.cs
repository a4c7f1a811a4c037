using System.Globalization;

namespace ProdStatus.Engine.Time;

/// <summary>
/// Parses the naive UTC timestamps of the PanDA monitor (<c>2022-01-27 20:56:46</c>, <c>2022-01-27T21:44:07</c>,
/// either with up to 7 fractional digits, sometimes with <c>Z</c>/<c>+00:00</c>) and formats ours.
/// </summary>
public static class UtcTimestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        text = text.Trim();
        if (TryParseIso(text, out value))
        {
            return true;
        }
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// The shapes met millions of times in a Butler scan and a PanDA answer, read digit by digit (the general parser
    /// costs microseconds each): <c>yyyy-MM-dd[ T]HH:mm:ss</c>, up to 7 fractional digits, then nothing, <c>Z</c> or
    /// <c>+00:00</c>. Anything else — another offset, a date alone, an invalid date — goes to the general parser.
    /// </summary>
    private static bool TryParseIso(ReadOnlySpan<char> t, out DateTimeOffset value)
    {
        value = default;
        if (t.Length < 19 || t[4] != '-' || t[7] != '-' || (t[10] != ' ' && t[10] != 'T') || t[13] != ':' || t[16] != ':' ||
            !Digits(t, 0, 4, out int year) || !Digits(t, 5, 2, out int month) || !Digits(t, 8, 2, out int day) ||
            !Digits(t, 11, 2, out int hour) || !Digits(t, 14, 2, out int minute) || !Digits(t, 17, 2, out int second) ||
            year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        int i = 19;
        long ticks = 0;
        if (i < t.Length && t[i] == '.')
        {
            int digits = 0;
            for (i++; i < t.Length && char.IsAsciiDigit(t[i]); i++, digits++)
            {
                if (digits >= 7)
                {
                    return false;
                }
                ticks = (ticks * 10) + (t[i] - '0');
            }
            if (digits == 0)
            {
                return false;
            }
            for (; digits < 7; digits++)
            {
                ticks *= 10;
            }
        }
        var rest = t[i..];
        if (!(rest.IsEmpty || rest.SequenceEqual("Z") || rest.SequenceEqual("+00:00")))
        {
            return false;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> t, int start, int count, out int number)
    {
        number = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(t[i]))
            {
                return false;
            }
            number = (number * 10) + (t[i] - '0');
        }
        return true;
    }

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>, the format of the original tables (always UTC here).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? value) => value is { } v ? Format(v) : "";

    /// <summary>Python's <c>str(timedelta)</c> shape, which legacy Jira tables use: <c>13:28:30</c>, <c>2 days, 3:04:05</c>.</summary>
    public static string FormatDuration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        long totalSeconds = (long)Math.Round(span.TotalSeconds);
        long days = totalSeconds / 86400;
        long rest = totalSeconds % 86400;
        string clock = string.Create(CultureInfo.InvariantCulture, $"{rest / 3600}:{rest / 60 % 60:00}:{rest % 60:00}");
        return days switch
        {
            0 => clock,
            1 => $"1 day, {clock}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{days} days, {clock}"),
        };
    }
}
