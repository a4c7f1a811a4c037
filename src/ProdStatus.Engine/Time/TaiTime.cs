namespace ProdStatus.Engine.Time;

/// <summary>
/// daf_butler stores instants as nanoseconds since 1970-01-01 TAI (<c>time_utils.py</c>). UTC = TAI − (TAI−UTC);
/// the offset is 37 s since 2017-01-01 (earlier steps listed for old repositories).
/// </summary>
public static class TaiTime
{
    private static readonly (long TaiSeconds, int Offset)[] Steps =
    [
        (1483228800L + 37, 37), (1435708800L + 36, 36), (1341100800L + 35, 35), (1230768000L + 34, 34), (1136073600L + 33, 33),
    ];

    public static DateTimeOffset ToUtc(long taiNanoseconds)
    {
        long taiSeconds = taiNanoseconds / 1_000_000_000;
        int offset = 32;
        foreach (var (start, value) in Steps)
        {
            if (taiSeconds >= start)
            {
                offset = value;
                break;
            }
        }
        return DateTimeOffset.UnixEpoch.AddTicks(taiNanoseconds / 100).AddSeconds(-offset);
    }

    public static long FromUtc(DateTimeOffset utc)
    {
        long ns = (utc - DateTimeOffset.UnixEpoch).Ticks * 100;
        long utcSeconds = ns / 1_000_000_000;
        int offset = 32;
        foreach (var (start, value) in Steps)
        {
            if (utcSeconds + value >= start)
            {
                offset = value;
                break;
            }
        }
        return ns + offset * 1_000_000_000L;
    }
}
