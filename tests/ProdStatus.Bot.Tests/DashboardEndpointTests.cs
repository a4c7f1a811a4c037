using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Testing.Dashboard;

namespace ProdStatus.Bot.Tests;

/// <summary>The dashboard's endpoints: signed links grant exactly one campaign; anything else gets a 403 page and no data.</summary>
public sealed class DashboardEndpointTests
{
    public const string LinkKey = "test-dashboard-link-key-0123456789abcdef";
    private const string Jira = SampleCampaignStore.Jira;

    private static Dictionary<string, string?> Settings() => new()
    {
        ["ProdStatus:Dashboard:BaseUrl"] = "http://localhost/",
        ["ProdStatus:Dashboard:LinkKey"] = LinkKey,
        ["ProdStatus:Reports:PandaMonitorUrl"] = "https://panda.example.org/",
    };

    private static async Task<(BotApplication App, HttpClient Client)> StartAsync(Dictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        var settings = Settings();
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        var app = new BotApplication(settings, time);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SampleCampaignStore.FillAsync(app.Services, Path.Combine(app.Root, "out"), TestContext.Current.CancellationToken);
        return (app, client);
    }

    private static string Link(BotApplication app, string issue) =>
        new Uri(app.Services.GetRequiredService<DashboardLinks>().DashboardUrl(issue)!).PathAndQuery;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedLinkShowsThePageFromTheStore()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;

        var response = await client.GetAsync(new Uri(Link(app, Jira), UriKind.Relative), Ct);
        string html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<h1>Campaign PREOPS-905</h1>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-progress\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"300\">", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonHasTheSameDataUnderTheSameRules()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        string link = Link(app, Jira).Replace(Jira + "?", Jira + ".json?", StringComparison.Ordinal);

        var ok = await client.GetAsync(new Uri(link, UriKind.Relative), Ct);
        var denied = await client.GetAsync(new Uri($"/campaigns/{Jira}.json", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Jira, doc.RootElement.GetProperty("jira").GetString());
        Assert.Equal("pandaStat", doc.RootElement.GetProperty("taskTable").GetProperty("name").GetString());
        var causes = doc.RootElement.GetProperty("failureCauses");
        Assert.True(causes.GetArrayLength() > 0);
        Assert.Equal(causes.GetArrayLength(), doc.RootElement.GetProperty("failureTable").GetProperty("rows").GetArrayLength());
        Assert.All(causes.EnumerateArray(), c => Assert.Equal(
            $"https://panda.example.org/job/{c.GetProperty("examplePandaId").GetInt64()}/",
            c.GetProperty("exampleUrl").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("foreign")]
    [InlineData("missing")]
    [InlineData("expired")]
    public async Task BadLinksGetA403PageWithoutData(string kind)
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var (app, client) = await StartAsync(time: time);
        await using var _ = app;
        string link = Link(app, Jira);
        string url = kind switch
        {
            "tampered" => link.Replace("sig=", "sig=A", StringComparison.Ordinal),
            "foreign" => Link(app, "PREOPS-910").Replace("PREOPS-910", Jira, StringComparison.Ordinal),
            "missing" => $"/campaigns/{Jira}",
            _ => link,
        };
        if (kind == "expired")
        {
            time.Advance(TimeSpan.FromDays(40));
        }

        var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        string html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<h1>Access denied</h1>", html, StringComparison.Ordinal);
        Assert.Contains(kind switch { "expired" => "has expired", "missing" => "needs a signed link", _ => "not valid for PREOPS-905" }, html, StringComparison.Ordinal);
        Assert.DoesNotContain("pipetaskInit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshQueuesOneInboxJobAndRedirectsBack()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + Link(app, Jira)).Query);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["exp"] = query["exp"]!, ["sig"] = query["sig"]! });

        var first = await client.PostAsync(new Uri($"/campaigns/{Jira}/refresh", UriKind.Relative), form, Ct);
        var again = await client.PostAsync(new Uri($"/campaigns/{Jira}/refresh", UriKind.Relative), form, Ct);
        var unsigned = await client.PostAsync(new Uri($"/campaigns/{Jira}/refresh", UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith($"/campaigns/{Jira}?exp=", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.EndsWith("&queued=1", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        var jobs = await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct);
        var job = Assert.Single(jobs); // a second press within the minute is the same job
        Assert.Equal(InboxKinds.DashboardRefresh, job.Kind);
        Assert.Equal(Jira, job.Subject);

        var page = await client.GetStringAsync(new Uri(first.Headers.Location!.OriginalString, UriKind.Relative), Ct);
        Assert.Contains("Refresh queued", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignListNeedsItsOwnLink()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        string list = new Uri(app.Services.GetRequiredService<DashboardLinks>().ListUrl()!).PathAndQuery;

        var ok = await client.GetStringAsync(new Uri(list, UriKind.Relative), Ct);
        var withCampaignLink = await client.GetAsync(new Uri("/campaigns" + new Uri("http://x" + Link(app, Jira)).Query, UriKind.Relative), Ct);

        Assert.Contains("<a href=\"/campaigns/PREOPS-905?exp=", ok, StringComparison.Ordinal);
        Assert.Contains("Finished", ok, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, withCampaignLink.StatusCode);
    }

    [Fact]
    public async Task UnknownCampaignIsNotFound()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        var response = await client.GetAsync(new Uri(Link(app, "PREOPS-1"), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
