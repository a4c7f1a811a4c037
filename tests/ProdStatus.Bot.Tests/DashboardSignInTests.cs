using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Testing.Dashboard;

namespace ProdStatus.Bot.Tests;

/// <summary>OpenID Connect sign-in (ProdStatus:Dashboard:Oidc:*): a request without a link is sent to the provider; a signed link still works.</summary>
public sealed class DashboardSignInTests
{
    [Fact]
    public async Task WithSignInConfigured_UnauthenticatedRequestIsSentToTheProvider()
    {
        await using var idp = new FakeOidcProvider();
        await idp.StartAsync(TestContext.Current.CancellationToken);
        await using var app = new BotApplication(new Dictionary<string, string?>
        {
            ["ProdStatus:Dashboard:BaseUrl"] = "http://localhost/",
            ["ProdStatus:Dashboard:LinkKey"] = DashboardEndpointTests.LinkKey,
            ["ProdStatus:Dashboard:Oidc:Authority"] = idp.BaseUri.AbsoluteUri,
            ["ProdStatus:Dashboard:Oidc:ClientId"] = "prodstat-dashboard",
            ["ProdStatus:Dashboard:Oidc:ClientSecret"] = "test-client-secret",
            ["ProdStatus:Dashboard:Oidc:AllowHttpAuthority"] = "true",
        });
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SampleCampaignStore.FillAsync(app.Services, Path.Combine(app.Root, "out"), TestContext.Current.CancellationToken);

        var challenged = await client.GetAsync(new Uri($"/campaigns/{SampleCampaignStore.Jira}", UriKind.Relative), TestContext.Current.CancellationToken);
        string signed = new Uri(app.Services.GetRequiredService<DashboardLinks>().DashboardUrl(SampleCampaignStore.Jira)!).PathAndQuery;
        var withLink = await client.GetAsync(new Uri(signed, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        var location = challenged.Headers.Location!;
        Assert.Equal(new Uri(idp.BaseUri, "authorize").AbsoluteUri, location.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("prodstat-dashboard", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Equal(HttpStatusCode.OK, withLink.StatusCode);
    }

    [Fact]
    public async Task WithoutSignInOrKey_ThePageSaysTheDashboardIsNotConfigured()
    {
        await using var app = new BotApplication();
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/campaigns/PREOPS-905", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Set ProdStatus:Dashboard:LinkKey", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
