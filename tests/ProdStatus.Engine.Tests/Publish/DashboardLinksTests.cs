using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Dashboard;

namespace ProdStatus.Engine.Tests.Publish;

public sealed class DashboardLinksTests
{
    private const string Key = "k1-0123456789abcdef0123456789abcdef";
    private const string OldKey = "k0-fedcba9876543210fedcba9876543210";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 30, 0, TimeSpan.Zero);

    private static (DashboardLinks Links, FakeTimeProvider Time) Create(Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions { BaseUrl = "https://bot.example.org/", LinkKey = Key, ValidDays = 30 };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Now);
        return (new DashboardLinks(Options.Create(options), time), time);
    }

    private static (string Exp, string Sig) Parse(string url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        return (query["exp"]!, query["sig"]!);
    }

    [Fact]
    public void DashboardUrl_WhenConfigured_IsSignedAndVerifies()
    {
        var (links, _) = Create();
        string url = links.DashboardUrl("preops-905")!;

        Assert.StartsWith("https://bot.example.org/campaigns/PREOPS-905?exp=", url, StringComparison.Ordinal);
        var (exp, sig) = Parse(url);
        Assert.Equal(DashboardLinkResult.Valid, links.Verify("PREOPS-905", exp, sig));
        // At least 30 full days, ending at a UTC midnight: the same link all day long.
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), exp);
    }

    [Fact]
    public void DashboardUrl_WhenNotConfigured_IsNull()
    {
        Assert.Null(Create(o => o.BaseUrl = null).Links.DashboardUrl("PREOPS-905"));
        Assert.Null(Create(o => o.LinkKey = null).Links.DashboardUrl("PREOPS-905"));
    }

    [Fact]
    public void DashboardUrl_WithSignInAndNoKey_IsPlain()
    {
        var (links, _) = Create(o => { o.LinkKey = null; o.Oidc.Authority = "https://idp.example.org/"; o.Oidc.ClientId = "prodstat"; });
        Assert.Equal("https://bot.example.org/campaigns/PREOPS-905", links.DashboardUrl("PREOPS-905"));
    }

    [Fact]
    public void Verify_ForAnotherCampaign_IsMismatch()
    {
        var (links, _) = Create();
        var (exp, sig) = Parse(links.DashboardUrl("PREOPS-905")!);
        Assert.Equal(DashboardLinkResult.Mismatch, links.Verify("PREOPS-906", exp, sig));
        Assert.Equal(DashboardLinkResult.Mismatch, links.Verify(DashboardLinks.ListSubject, exp, sig));
    }

    [Fact]
    public void Verify_WithExtendedExpiry_IsMismatchNotExpired()
    {
        var (links, _) = Create();
        var (exp, sig) = Parse(links.DashboardUrl("PREOPS-905")!);
        Assert.Equal(DashboardLinkResult.Mismatch, links.Verify("PREOPS-905", (long.Parse(exp, System.Globalization.CultureInfo.InvariantCulture) + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture), sig));
        Assert.Equal(DashboardLinkResult.Mismatch, links.Verify("PREOPS-905", exp, "A" + sig[1..]));
    }

    [Fact]
    public void Verify_AfterExpiry_IsExpired()
    {
        var (links, time) = Create();
        var (exp, sig) = Parse(links.Create("PREOPS-905", 1));
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DashboardLinkResult.Valid, links.Verify("PREOPS-905", exp, sig));
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DashboardLinkResult.Expired, links.Verify("PREOPS-905", exp, sig));
    }

    [Theory]
    [InlineData(null, "abc", DashboardLinkResult.Missing)]
    [InlineData("123", null, DashboardLinkResult.Missing)]
    [InlineData("12x", "abc", DashboardLinkResult.Malformed)]
    [InlineData("-5", "abc", DashboardLinkResult.Malformed)]
    [InlineData("1999999999", "not base64!", DashboardLinkResult.Malformed)]
    public void Verify_BadParameters_AreRejected(string? exp, string? sig, DashboardLinkResult expected) =>
        Assert.Equal(expected, Create().Links.Verify("PREOPS-905", exp, sig));

    [Fact]
    public void Verify_LinkUnderRotatedKey_IsAcceptedWhileListed()
    {
        var (old, _) = Create(o => o.LinkKey = OldKey);
        var (exp, sig) = Parse(old.DashboardUrl("PREOPS-905")!);

        Assert.Equal(DashboardLinkResult.Valid, Create(o => o.LinkKeys = [OldKey]).Links.Verify("PREOPS-905", exp, sig));
        Assert.Equal(DashboardLinkResult.Mismatch, Create().Links.Verify("PREOPS-905", exp, sig));
    }

    [Fact]
    public void Create_WithoutBaseUrlOrKey_NamesTheKey()
    {
        var noBase = Assert.Throws<UserInputException>(() => Create(o => o.BaseUrl = null).Links.Create("PREOPS-905", 7));
        Assert.Equal("ProdStatus:Dashboard:BaseUrl is not set (or pass --base-url)", noBase.Message);
        var noKey = Assert.Throws<UserInputException>(() => Create(o => o.LinkKey = null).Links.Create("PREOPS-905", 7));
        Assert.Equal("ProdStatus:Dashboard:LinkKey is not set", noKey.Message);
    }

    [Fact]
    public void WithDashboardLink_AppendsAJiraLinkLine_OrLeavesTheTextAlone()
    {
        var (links, _) = Create();
        string text = links.WithDashboardLink("PREOPS-905", "||a||\n|1|\n");
        Assert.StartsWith("||a||\n|1|\n\nCampaign dashboard: [PREOPS-905 dashboard|https://bot.example.org/campaigns/PREOPS-905?exp=", text, StringComparison.Ordinal);
        Assert.Equal("||a||\n", Create(o => o.BaseUrl = null).Links.WithDashboardLink("PREOPS-905", "||a||\n"));
    }

    [Fact]
    public void Validator_NamesEveryBadKey()
    {
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions
        {
            BaseUrl = "ftp://x", LinkKey = "short", LinkKeys = ["also-short"], ValidDays = 0, RefreshSeconds = 5, CachedCampaigns = -1,
            Oidc = new DashboardOidcOptions { Authority = "http://idp.example.org/" },
        });
        Assert.Equal(
            [
                "ProdStatus:Dashboard:BaseUrl must be an absolute http(s) URL (got 'ftp://x')",
                "ProdStatus:Dashboard:LinkKey must be at least 32 characters",
                "ProdStatus:Dashboard:LinkKeys:0 must be at least 32 characters",
                "ProdStatus:Dashboard:ValidDays must be between 1 and 366 (got 0)",
                "ProdStatus:Dashboard:RefreshSeconds must be between 10 and 86400 (got 5)",
                "ProdStatus:Dashboard:CachedCampaigns must be between 0 and 10000 (got -1)",
                "ProdStatus:Dashboard:Oidc:Authority must be an absolute https URL (got 'http://idp.example.org/')",
                "ProdStatus:Dashboard:Oidc:ClientId is required when ProdStatus:Dashboard:Oidc:Authority is set",
            ],
            result.Failures!);
    }
}
