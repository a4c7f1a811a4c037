using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProdStatus.Engine.Publish.Slack;

public enum SlackSignatureResult
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    Expired,
    Mismatch,
}

/// <summary>
/// Slack request signing: <c>v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"))</c>, compared in constant time,
/// timestamps more than five minutes from now rejected (Slack's "Verifying requests from Slack").
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static SlackSignatureResult Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureResult.MissingHeaders;
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return SlackSignatureResult.MalformedTimestamp;
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return SlackSignatureResult.Expired;
        }
        byte[] expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        byte[] actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? SlackSignatureResult.Valid : SlackSignatureResult.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a body (also used by <c>prodstat slack-sign</c> and tests).</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        byte[] message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return "v0=" + Convert.ToHexStringLower(mac);
    }
}
