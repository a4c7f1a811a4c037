using System.Net;

namespace ProdStatus.Bot.Tests;

/// <summary><c>/readyz</c> runs the local checks of <c>prodstat doctor</c> and names what fails; configuration files reach the bot too.</summary>
public sealed class ReadinessChecksTests
{
    [Fact]
    public async Task Readyz_IsReady_WhenTheLocalChecksPass()
    {
        await using var app = new BotApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_Is503_NamingTheFailedCheck_WhenFontsAreMissing()
    {
        string empty = Directory.CreateTempSubdirectory("prodstat-nofonts-").FullName;
        await using var app = new BotApplication(new() { ["ProdStatus:Rendering:FontDirectory"] = empty });
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"not ready: fonts: font file {Path.Combine(empty, "DejaVuSans.ttf")} not found", body, StringComparison.Ordinal);
    }
}
