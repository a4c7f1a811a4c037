using System.Data.Common;

namespace ProdStatus.Engine.Configuration.Layers;

/// <summary>
/// The one place that decides which configuration keys hold secrets (by the key's last segment) and how a secret
/// is shown: <c>****</c> plus its last 4 characters, or only <c>****</c> when it is too short to show any of it.
/// </summary>
public static class SecretKeys
{
    private static readonly string[] SecretEndings =
        ["Token", "Secret", "Password", "ApiKey", "SecretAccessKey", "PrivateKey", "SigningKey", "WebhookUrl"];

    /// <summary>Keys that end like a secret's <c>…File</c> key but name something else (panda-client's token cache).</summary>
    private static readonly HashSet<string> NotSecretFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        PandaOptions.Section + ":TokenFile",
    };

    /// <summary>True when the key's value is a secret (<c>ProdStatus:Jira:ApiToken</c>, <c>…:DbAuthPassword</c>).</summary>
    public static bool IsSecret(string key)
    {
        string last = LastSegment(key);
        return SecretEndings.Any(e => last.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A connection string: only its password part is secret.</summary>
    public static bool IsConnectionString(string key) => LastSegment(key).EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For <c>X…File</c> keys whose <c>X</c> is a secret, the key <c>X</c> the file's content supplies
    /// (<c>ProdStatus:Jira:ApiTokenFile</c> → <c>ProdStatus:Jira:ApiToken</c>); otherwise null.
    /// </summary>
    public static string? SecretFileTarget(string key)
    {
        if (!key.EndsWith("File", StringComparison.OrdinalIgnoreCase) || key.Length <= 4 || NotSecretFiles.Contains(key))
        {
            return null;
        }
        string target = key[..^4];
        return IsSecret(target) || IsConnectionString(target) ? target : null;
    }

    /// <summary>The value as <c>config show</c> and logs may print it.</summary>
    public static string Display(string key, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }
        if (IsSecret(key))
        {
            return Mask(value);
        }
        return IsConnectionString(key) ? MaskConnectionString(value) : value;
    }

    public static string Mask(string secret) => secret.Length >= 12 ? "****" + secret[^4..] : "****";

    private static string MaskConnectionString(string value)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return "****"; // unparseable: may hold anything
        }
        foreach (string name in builder.Keys.Cast<string>().ToList())
        {
            if (name.Equals("password", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase))
            {
                builder[name] = Mask(Convert.ToString(builder[name], System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }
        return builder.ConnectionString;
    }

    private static string LastSegment(string key)
    {
        int colon = key.LastIndexOf(':');
        return colon < 0 ? key : key[(colon + 1)..];
    }
}
