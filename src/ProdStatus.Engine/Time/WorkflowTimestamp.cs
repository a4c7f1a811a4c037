using System.Globalization;

namespace ProdStatus.Engine.Time;

/// <summary>
/// The BPS submission timestamp <c>YYYYMMDDTHHMMSSZ</c> that keys a workflow: at the end of the PanDA request name
/// (lower-cased in 2022), of the Butler RUN collection and of the DRP issue summary. Canonical form is upper case.
/// </summary>
public readonly record struct WorkflowTimestamp(DateTimeOffset Utc)
{
    public string Key => Utc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public override string ToString() => Key;

    /// <summary>Parses one token such as <c>20220127t205042z</c> (case-insensitive).</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out WorkflowTimestamp value)
    {
        value = default;
        if (token.Length != 16 || (token[8] is not ('T' or 't')) || (token[15] is not ('Z' or 'z')))
        {
            return false;
        }
        Span<char> upper = stackalloc char[16];
        token.ToUpperInvariant(upper);
        if (!DateTime.TryParseExact(upper, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt))
        {
            return false;
        }
        value = new WorkflowTimestamp(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)));
        return true;
    }

    /// <summary>The timestamp that ends a name after its last <paramref name="separator"/> (<c>_</c> for PanDA, <c>/</c> for Butler).</summary>
    public static bool TryParseSuffix(string name, char separator, out WorkflowTimestamp value)
    {
        int cut = name.LastIndexOf(separator);
        return TryParse(cut >= 0 ? name.AsSpan(cut + 1) : name.AsSpan(), out value);
    }
}
