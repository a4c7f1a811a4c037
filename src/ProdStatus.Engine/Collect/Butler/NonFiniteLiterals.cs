namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// System.Text.Json rejects the bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> tokens that pydantic writes
/// for non-finite floats. Outside strings they are rewritten to <c>null</c> (read as "missing"); the copy is made
/// only when such a token exists.
/// </summary>
internal static class NonFiniteLiterals
{
    private static readonly byte[] Null = "null"u8.ToArray();

    /// <returns>A rewritten copy, or null when the document has no bare literal.</returns>
    public static byte[]? Rewrite(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("NaN"u8) < 0 && json.IndexOf("Infinity"u8) < 0)
        {
            return null;
        }
        var output = new List<byte>(json.Length + 16);
        bool inString = false, changed = false;
        for (int i = 0; i < json.Length; i++)
        {
            byte b = json[i];
            if (inString)
            {
                output.Add(b);
                if (b == (byte)'\\' && i + 1 < json.Length)
                {
                    output.Add(json[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
                continue;
            }
            int literal = LiteralLength(json[i..]);
            if (literal > 0)
            {
                output.AddRange(Null);
                i += literal - 1;
                changed = true;
                continue;
            }
            inString = b == (byte)'"';
            output.Add(b);
        }
        return changed ? [.. output] : null;
    }

    private static int LiteralLength(ReadOnlySpan<byte> rest) =>
        rest.StartsWith("NaN"u8) ? 3
        : rest.StartsWith("Infinity"u8) ? 8
        : rest.StartsWith("-Infinity"u8) ? 9
        : rest.StartsWith("+Infinity"u8) ? 9
        : 0;
}
