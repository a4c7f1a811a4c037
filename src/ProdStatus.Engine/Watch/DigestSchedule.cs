using Cronos;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// When shift digests are due: a 5-field cron expression in an IANA time zone (Cronos), so <c>0 8,20 * * *</c> in
/// <c>America/Santiago</c> stays at 08:00 and 20:00 local time across daylight-saving changes.
/// </summary>
public sealed class DigestSchedule
{
    private readonly CronExpression _cron;
    private readonly TimeZoneInfo _zone;

    private DigestSchedule(CronExpression cron, TimeZoneInfo zone)
    {
        _cron = cron;
        _zone = zone;
    }

    /// <summary>The schedule, or null when <paramref name="cron"/> is empty. Call <see cref="Problem"/> first for a message.</summary>
    public static DigestSchedule? Create(string? cron, string timeZone) =>
        string.IsNullOrWhiteSpace(cron) ? null : new DigestSchedule(CronExpression.Parse(cron.Trim()), TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    /// <summary>The next digest strictly after <paramref name="afterUtc"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset afterUtc) =>
        _cron.GetNextOccurrence(afterUtc.UtcDateTime, _zone, inclusive: false) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>What is wrong with the settings (<c>Digest: …</c> / <c>DigestTimeZone: …</c>), or null.</summary>
    public static string? Problem(string? cron, string timeZone)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return null;
        }
        try
        {
            CronExpression.Parse(cron.Trim());
        }
        catch (CronFormatException ex)
        {
            return $"Digest '{cron}' is not a 5-field cron expression: {ex.Message}";
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return $"DigestTimeZone '{timeZone}' is not a known time zone (use an IANA name such as America/Santiago)";
        }
        return null;
    }
}
