using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>
/// The charts of one build of a page, by what they show (a SHA-256 of the chart's kind, texts and data). A page built
/// again after a refresh passes the previous build's memo: a chart whose data did not change (the progress and running
/// charts after a get-panda-stat refresh, the bars when no figure moved) is taken from it instead of being drawn again.
/// A memo keeps only the charts of its own build, so it never grows. One build at a time writes a memo; earlier memos are
/// only read.
/// </summary>
public sealed class ChartMemo(ChartMemo? previous = null)
{
    private readonly Dictionary<string, string> _previous = previous?._drawn ?? [];
    private readonly Dictionary<string, string> _drawn = new(StringComparer.Ordinal);

    /// <summary>Charts of this build taken from the previous one.</summary>
    public int Reused { get; private set; }

    /// <summary>The chart with this key: already drawn in this or the previous build, or drawn now.</summary>
    public string Get(ChartKey key, Func<string> draw)
    {
        string hash = key.Finish();
        if (_drawn.TryGetValue(hash, out string? svg))
        {
            return svg;
        }
        if (_previous.TryGetValue(hash, out svg))
        {
            Reused++;
        }
        else
        {
            svg = draw();
        }
        _drawn[hash] = svg;
        return svg;
    }
}

/// <summary>Everything a chart shows, hashed as it is added (strings with their length, numbers as their bits).</summary>
public sealed class ChartKey : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ChartKey Add(string text)
    {
        Add(text.Length);
        _hash.AppendData(MemoryMarshal.AsBytes(text.AsSpan()));
        return this;
    }

    public ChartKey Add(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _hash.AppendData(bytes);
        return this;
    }

    public ChartKey Add(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        _hash.AppendData(bytes);
        return this;
    }

    public string Finish() => Convert.ToHexString(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
