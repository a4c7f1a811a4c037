using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ProdStatus.Bot.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_AnswersOk()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
