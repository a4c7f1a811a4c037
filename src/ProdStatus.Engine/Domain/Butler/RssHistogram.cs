using System.Globalization;
using System.Text;

namespace ProdStatus.Engine.Domain.Butler;

/// <summary>
/// Memory values in logarithmic buckets 1 % wide, so percentiles of any number of quanta can be stored and merged
/// across runs (the campaign's p95) in a few hundred bytes. A percentile is the upper edge of its bucket: at most
/// 1 % high, never above the true maximum.
/// </summary>
public sealed class RssHistogram
{
    private static readonly double LogBase = Math.Log(1.01);
    private readonly SortedDictionary<int, long> _buckets = [];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Add(long bytes)
    {
        int bucket = bytes <= 0 ? -1 : (int)Math.Floor(Math.Log(bytes) / LogBase);
        _buckets[bucket] = _buckets.GetValueOrDefault(bucket) + 1;
        Count++;
        Max = Math.Max(Max, bytes);
    }

    public void Merge(RssHistogram other)
    {
        foreach (var (bucket, count) in other._buckets)
        {
            _buckets[bucket] = _buckets.GetValueOrDefault(bucket) + count;
        }
        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value below which <paramref name="fraction"/> of the quanta lie; null when empty.</summary>
    public long? Percentile(double fraction)
    {
        if (Count == 0)
        {
            return null;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        foreach (var (bucket, count) in _buckets)
        {
            seen += count;
            if (seen >= rank)
            {
                return bucket < 0 ? 0 : Math.Min(Max, (long)Math.Ceiling(Math.Exp((bucket + 1) * LogBase)));
            }
        }
        return Max;
    }

    /// <summary><c>max|bucket:count;bucket:count…</c></summary>
    public string Serialize()
    {
        var text = new StringBuilder().Append(Max.ToString(CultureInfo.InvariantCulture)).Append('|');
        text.AppendJoin(';', _buckets.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}:{kv.Value}")));
        return text.ToString();
    }

    public static RssHistogram Parse(string? text)
    {
        var histogram = new RssHistogram();
        if (string.IsNullOrEmpty(text))
        {
            return histogram;
        }
        string[] parts = text.Split('|', 2);
        foreach (string pair in parts.Length > 1 ? parts[1].Split(';', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            string[] kv = pair.Split(':');
            long count = long.Parse(kv[1], CultureInfo.InvariantCulture);
            histogram._buckets[int.Parse(kv[0], CultureInfo.InvariantCulture)] = count;
            histogram.Count += count;
        }
        histogram.Max = long.Parse(parts[0], CultureInfo.InvariantCulture);
        return histogram;
    }
}
