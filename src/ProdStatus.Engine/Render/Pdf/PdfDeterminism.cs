using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>
/// PDFsharp draws font subset tags and the XMP document/instance ids from <c>Guid.NewGuid()</c>, so equal documents
/// differ. Both are replaced by values derived from the content's identity, with the same length, so the
/// cross-reference offsets still hold.
/// </summary>
internal static partial class PdfDeterminism
{
    public static byte[] Stabilize(byte[] pdf, string seed)
    {
        string text = Encoding.Latin1.GetString(pdf);
        int index = 0;
        text = XmpUuid().Replace(text, _ => "uuid:" + StableGuid($"{seed}|xmp|{index++}"));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in SubsetName().Matches(text))
        {
            tags.TryAdd(match.Groups["tag"].Value, TagFor(match.Groups["font"].Value));
        }
        // Only the exact random tags found in font names are replaced, wherever they recur (descriptor, CID font).
        string stable = Tag().Replace(text, m => tags.TryGetValue(m.Groups["tag"].Value, out string? t) ? $"/{t}+" : m.Value);
        return Encoding.Latin1.GetBytes(stable);
    }

    /// <summary>A GUID-shaped value derived from <paramref name="seed"/>.</summary>
    public static string StableGuid(string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString("D");

    private static string TagFor(string fontName)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(fontName));
        return string.Concat(hash.Take(6).Select(b => (char)('A' + b % 26)));
    }

    [GeneratedRegex(@"/(?<tag>[A-Z]{6})\+(?<font>DejaVu[^/\s()<>\[\]{}%]*)")]
    private static partial Regex SubsetName();

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();

    [GeneratedRegex(@"/(?<tag>[A-Z]{6})\+")]
    private static partial Regex Tag();
}
