using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Watch;

namespace ProdStatus.Engine.Tests.Watch;

/// <summary>Shift digests follow local time: 08:00 and 20:00 in America/Santiago stay so when Chile's clocks change.</summary>
public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    [Fact]
    public void AcrossTheAprilClockChange_DigestsStayAt08And20LocalTime()
    {
        var schedule = DigestSchedule.Create("0 8,20 * * *", "America/Santiago")!;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero));
        var offsets = new HashSet<TimeSpan>();
        var gaps = new HashSet<TimeSpan>();
        DateTimeOffset? last = null;

        // Step the fake clock from digest to digest for two weeks, as the scheduler does.
        while (clock.GetUtcNow() < new DateTimeOffset(2026, 4, 13, 0, 0, 0, TimeSpan.Zero))
        {
            var next = schedule.NextAfter(clock.GetUtcNow())!.Value;
            clock.Advance(next - clock.GetUtcNow());
            var local = TimeZoneInfo.ConvertTime(next, Santiago);
            Assert.Contains(local.Hour, new[] { 8, 20 });
            Assert.Equal(0, local.Minute);
            offsets.Add(local.Offset);
            if (last is { } l)
            {
                gaps.Add(next - l);
            }
            last = next;
        }

        // The window holds the change from -03 to -04: one gap of 13 h, the rest 12 h.
        Assert.Equal(2, offsets.Count);
        Assert.Equal(new HashSet<TimeSpan> { TimeSpan.FromHours(12), TimeSpan.FromHours(13) }, gaps);
    }

    [Fact]
    public void AcrossTheSeptemberClockChange_TheShortNightHasAnElevenHourGap()
    {
        var schedule = DigestSchedule.Create("0 8,20 * * *", "America/Santiago")!;
        var at = new DateTimeOffset(2026, 8, 30, 0, 0, 0, TimeSpan.Zero);
        var gaps = new List<TimeSpan>();
        for (int i = 0; i < 28; i++)
        {
            var next = schedule.NextAfter(at)!.Value;
            Assert.Contains(TimeZoneInfo.ConvertTime(next, Santiago).Hour, new[] { 8, 20 });
            gaps.Add(next - at);
            at = next;
        }

        Assert.Contains(TimeSpan.FromHours(11), gaps.Skip(1));
    }

    [Theory]
    [InlineData("0 8 * *", "UTC", "Digest '0 8 * *' is not a 5-field cron expression")]
    [InlineData("0 8 * * *", "Mars/Olympus", "DigestTimeZone 'Mars/Olympus' is not a known time zone")]
    public void BadSettings_NameTheKey(string cron, string zone, string expected)
    {
        Assert.StartsWith(expected, DigestSchedule.Problem(cron, zone), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyDigest_MeansNone()
    {
        Assert.Null(DigestSchedule.Create("", "UTC"));
        Assert.Null(DigestSchedule.Problem(" ", "UTC"));
    }
}
