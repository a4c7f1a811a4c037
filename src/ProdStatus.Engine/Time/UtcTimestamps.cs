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
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            return true;
        }
        value = default;
        return false;
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
