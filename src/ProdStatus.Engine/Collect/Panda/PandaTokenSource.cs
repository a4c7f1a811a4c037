using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// The monitor credential: the configured token, else the <c>id_token</c> that panda-client cached in
/// <c>$PANDA_CONFIG_ROOT/.token</c> (checked for expiry), else none (the monitor serves JSON anonymously).
/// </summary>
public sealed class PandaTokenSource(IOptions<PandaOptions> options, TimeProvider time)
{
    private readonly Lazy<(PandaTokenKind Kind, string Token)?> _token = new(() => Resolve(options.Value, time));

    /// <summary>The header value (<c>Bearer …</c> / <c>Token …</c>), or null for anonymous access.</summary>
    public string? AuthorizationHeader => _token.Value is { } t ? $"{(t.Kind == PandaTokenKind.Token ? "Token" : "Bearer")} {t.Token}" : null;

    internal static (PandaTokenKind, string)? Resolve(PandaOptions options, TimeProvider time)
    {
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            return (options.TokenKind, options.Token.Trim());
        }
        string? file = options.TokenFile;
        if (string.IsNullOrWhiteSpace(file) && Environment.GetEnvironmentVariable("PANDA_CONFIG_ROOT") is { Length: > 0 } root)
        {
            file = Path.Combine(root, ".token");
        }
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(OutputOptions.ExpandHome(file)))
        {
            return null;
        }
        string path = OutputOptions.ExpandHome(file);
        string idToken = ReadIdToken(path);
        if (ReadExpiry(idToken) is { } expiry && expiry <= time.GetUtcNow())
        {
            throw new UserInputException(
                $"{path}: the PanDA id_token expired at {expiry.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; " +
                $"renew it with panda-client (e.g. 'panda_auth reset' then any panda command) or set {PandaOptions.Section}:Token");
        }
        return (PandaTokenKind.Bearer, idToken);
    }

    private static string ReadIdToken(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("id_token", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } token
                ? token
                : throw UserInputException.ForField(path, "id_token", "missing in the panda-client token cache");
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{path}: the panda-client token cache is not valid JSON ({ex.Message})", ex);
        }
    }

    /// <summary>The <c>exp</c> claim of a JWT, read without verification (the monitor verifies it).</summary>
    internal static DateTimeOffset? ReadExpiry(string jwt)
    {
        string[] parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }
        try
        {
            string payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out long seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>Adds <c>Authorization</c> and the optional <c>Origin</c> header. The token never reaches a log.</summary>
public sealed class PandaAuthHandler(PandaTokenSource tokens, IOptions<PandaOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A retried request is sent again as the same message: set, never append.
        request.Headers.Remove("Authorization");
        if (tokens.AuthorizationHeader is { } header)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }
        request.Headers.Remove("Origin");
        if (options.Value.Origin is { Length: > 0 } origin)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
