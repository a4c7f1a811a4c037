using System.Globalization;
using ProdStatus.Engine.Publish.Dashboard;

namespace ProdStatus.Cli.Tests;

public sealed class DashboardLinkCommandTests
{
    private const string Key = "cli-test-link-key-0123456789abcdef0123";

    [Fact]
    public async Task PrintsASignedLinkThatVerifies()
    {
        var settings = CliRun.Settings(CliRun.TempDir());
        settings["ProdStatus:Dashboard:LinkKey"] = Key;

        var (code, output, _) = await CliRun.RunAsync(settings, "dashboard-link", "preops-905", "--base-url", "https://bot.example.org", "--valid-days", "2");

        Assert.Equal(0, code);
        var url = new Uri(output.Trim());
        Assert.Equal("https://bot.example.org/campaigns/PREOPS-905", url.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["exp"]!, CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, expires.TimeOfDay);
        Assert.InRange(expires - TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(2), TimeSpan.FromDays(3));
        Assert.Equal(DashboardLinkResult.Valid, DashboardLinks.Verify([Key], "PREOPS-905", query["exp"], query["sig"], TimeProvider.System.GetUtcNow()));
        Assert.DoesNotContain(Key, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnIssue_PrintsTheListLink()
    {
        var settings = CliRun.Settings(CliRun.TempDir());
        settings["ProdStatus:Dashboard:LinkKey"] = Key;
        settings["ProdStatus:Dashboard:BaseUrl"] = "https://bot.example.org/";

        var (code, output, _) = await CliRun.RunAsync(settings, "dashboard-link");

        Assert.Equal(0, code);
        var url = new Uri(output.Trim());
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("https://bot.example.org/campaigns", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(DashboardLinkResult.Valid, DashboardLinks.Verify([Key], DashboardLinks.ListSubject, query["exp"], query["sig"], TimeProvider.System.GetUtcNow()));
    }

    [Theory]
    [InlineData("ProdStatus:Dashboard:LinkKey is not set", "PREOPS-905", "--base-url", "https://bot.example.org/")]
    [InlineData("ProdStatus:Dashboard:BaseUrl is not set (or pass --base-url)", "PREOPS-905")]
    [InlineData("--valid-days must be between 1 and 366 (got 0)", "PREOPS-905", "--valid-days", "0")]
    [InlineData("--base-url must be an absolute http(s) URL (got 'bot')", "PREOPS-905", "--base-url", "bot")]
    public async Task BadInput_SaysWhatToFix(string message, params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(CliRun.Settings(CliRun.TempDir()), ["dashboard-link", .. args]);
        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
