using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Engine.Publish.Dashboard;

/// <summary>What a dashboard link's signature check found.</summary>
public enum DashboardLinkResult
{
    Valid,
    Missing,
    Malformed,
    Expired,
    Mismatch,
}

/// <summary>
/// Signed dashboard links: <c>{BaseUrl}campaigns/{ISSUE}?exp={unix seconds}&amp;sig={base64url HMAC-SHA256}</c>, the MAC
/// taken over the subject (the issue key, or <see cref="ListSubject"/> for the campaign list) and the expiry under
/// <c>ProdStatus:Dashboard:LinkKey</c>; <c>LinkKeys</c> holds older keys still accepted. Links the bot makes expire at
/// a UTC midnight, so all links made on one day are the same text (a Jira comment carrying one is not rewritten).
/// </summary>
public sealed class DashboardLinks(IOptions<DashboardOptions> options, TimeProvider time) : ICampaignLinks
{
    /// <summary>The subject of the campaign list's links (no issue key contains it).</summary>
    public const string ListSubject = "*";

    private const string Domain = "prodstat-dashboard-v1";

    public string? DashboardUrl(string issue) => Url(Normalize(issue));

    /// <summary>The campaign list's URL, or null when the dashboard is not configured.</summary>
    public string? ListUrl() => Url(ListSubject);

    /// <summary>A link valid for at least <paramref name="validDays"/> days (until a UTC midnight), under the current key
    /// (or unsigned when only sign-in is configured). Throws when links cannot be made, naming the missing key.</summary>
    public string Create(string subject, int validDays, string? baseUrl = null)
    {
        var o = options.Value;
        string? root = string.IsNullOrWhiteSpace(baseUrl) ? o.BaseUrl : baseUrl;
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new Errors.UserInputException($"{DashboardOptions.Section}:BaseUrl is not set (or pass --base-url)");
        }
        string path = WithSlash(root) + Path(subject);
        if (string.IsNullOrEmpty(o.LinkKey))
        {
            return o.Oidc.Enabled ? path : throw new Errors.UserInputException($"{DashboardOptions.Section}:LinkKey is not set");
        }
        return path + "?" + Query(o.LinkKey, subject, Expiry(validDays));
    }

    /// <summary>The query string (<c>exp=…&amp;sig=…</c>) of a link for <paramref name="subject"/>, for links between pages.</summary>
    public string? QueryFor(string subject) =>
        options.Value.LinkKey is { Length: > 0 } key ? Query(key, subject, Expiry(options.Value.ValidDays)) : null;

    /// <summary>Checks a link's <c>exp</c> and <c>sig</c> against the current key and every older one.</summary>
    public DashboardLinkResult Verify(string subject, string? exp, string? sig)
    {
        var o = options.Value;
        IEnumerable<string> keys = o.LinkKey is { Length: > 0 } key ? [key, .. o.LinkKeys] : o.LinkKeys;
        return Verify(keys.ToList(), subject, exp, sig, time.GetUtcNow());
    }

    public static DashboardLinkResult Verify(IReadOnlyList<string> keys, string subject, string? exp, string? sig, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig))
        {
            return DashboardLinkResult.Missing;
        }
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out long expires) || !TryDecode(sig, out byte[] given))
        {
            return DashboardLinkResult.Malformed;
        }
        bool matched = false;
        foreach (string key in keys)
        {
            matched |= CryptographicOperations.FixedTimeEquals(Mac(key, subject, expires), given);
        }
        if (!matched)
        {
            return DashboardLinkResult.Mismatch;
        }
        // Checked after the MAC, so an altered expiry reads as a mismatch, not as "expired".
        return now.ToUnixTimeSeconds() >= expires ? DashboardLinkResult.Expired : DashboardLinkResult.Valid;
    }

    public static string Query(string key, string subject, DateTimeOffset expires)
    {
        long exp = expires.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"exp={exp}&sig={Base64Url(Mac(key, subject, exp))}");
    }

    /// <summary>The path of a subject's page, relative to the base URL: <c>campaigns/PREOPS-905</c> or <c>campaigns</c>.</summary>
    public static string Path(string subject) =>
        subject == ListSubject ? "campaigns" : "campaigns/" + Uri.EscapeDataString(Normalize(subject));

    /// <summary>Issue keys are compared upper-case (Jira treats them so).</summary>
    public static string Normalize(string issue) => issue == ListSubject ? issue : issue.Trim().ToUpperInvariant();

    private string? Url(string subject)
    {
        var o = options.Value;
        return o.LinksEnabled ? Create(subject, o.ValidDays) : null;
    }

    private DateTimeOffset Expiry(int validDays)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        return new DateTimeOffset(today.AddDays(validDays + 1), TimeSpan.Zero);
    }

    private static byte[] Mac(string key, string subject, long expires) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Domain}\n{subject}\n{expires}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length > 64)
        {
            return false;
        }
        string b64 = text.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        var buffer = new byte[48];
        if (!Convert.TryFromBase64String(b64, buffer, out int written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }

    private static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
