using System.Security.Cryptography;
using System.Text;

namespace ProdStatus.Bot.Webhooks.Jira;

public enum JiraSignatureResult
{
    Valid,
    Missing,
    UnsupportedAlgorithm,
    Mismatch,
}

/// <summary>Jira admin-webhook signing (Cloud and Data Center): <c>X-Hub-Signature: sha256=hex(HMAC-SHA256(secret, raw body))</c>.</summary>
public static class JiraSignature
{
    public static JiraSignatureResult Verify(string secret, string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(header))
        {
            return JiraSignatureResult.Missing;
        }
        if (!header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            return JiraSignatureResult.UnsupportedAlgorithm;
        }
        byte[] expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        byte[] actual = Encoding.ASCII.GetBytes(header.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? JiraSignatureResult.Valid : JiraSignatureResult.Mismatch;
    }

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
