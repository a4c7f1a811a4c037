using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Tests.Collect;

public sealed class PandaTokenSourceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("panda-token-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Jwt(DateTimeOffset expiry)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{B64("""{"alg":"RS256"}""")}.{B64($$"""{"sub":"op","exp":{{expiry.ToUnixTimeSeconds()}}}""")}.sig";
    }

    private string TokenFile(string content)
    {
        string path = Path.Combine(_dir, ".token");
        File.WriteAllText(path, content);
        return path;
    }

    private static PandaTokenSource Source(PandaOptions options) => new(Options.Create(options), new FakeTimeProvider(Now));

    [Fact]
    public void ConfiguredToken_WinsAndUsesItsKind()
    {
        var source = Source(new PandaOptions { Token = "abc", TokenKind = PandaTokenKind.Token });
        Assert.Equal("Token abc", source.AuthorizationHeader);
    }

    [Fact]
    public void CachedIdToken_IsUsedWhileValid()
    {
        string jwt = Jwt(Now.AddHours(1));
        var source = Source(new PandaOptions { TokenFile = TokenFile($$"""{"id_token":"{{jwt}}","refresh_token":"r1"}""") });
        Assert.Equal($"Bearer {jwt}", source.AuthorizationHeader);
    }

    [Fact]
    public void ExpiredIdToken_SaysSoWithTheTime()
    {
        string path = TokenFile($$"""{"id_token":"{{Jwt(Now.AddMinutes(-5))}}"}""");
        var error = Assert.Throws<UserInputException>(() => Source(new PandaOptions { TokenFile = path }).AuthorizationHeader);
        Assert.StartsWith($"{path}: the PanDA id_token expired at 2026-11-25 11:55:00 UTC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptCache_IsAClearError()
    {
        string path = TokenFile("{not json");
        var error = Assert.Throws<UserInputException>(() => Source(new PandaOptions { TokenFile = path }).AuthorizationHeader);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTokenAnywhere_IsAnonymous()
    {
        Assert.Null(Source(new PandaOptions { TokenFile = Path.Combine(_dir, "missing") }).AuthorizationHeader);
    }
}
