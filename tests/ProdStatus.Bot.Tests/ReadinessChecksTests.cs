using System.Net;
using System.Text.Json.Nodes;

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

/// <summary>The bot as a real process reads the same configuration layers as the CLI: user file, then <c>--config</c>.</summary>
public sealed class BotConfigurationLayersTests
{
    [Fact]
    public async Task UserFile_ThenConfigFile_ReachTheBot_EachOverridingTheOneBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        string root = Directory.CreateTempSubdirectory("prodstat-bot-layers-").FullName;
        string fromUser = Directory.CreateDirectory(Path.Combine(root, "fonts-user")).FullName;
        string fromConfig = Directory.CreateDirectory(Path.Combine(root, "fonts-config")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "xdg", "prodstat"));
        await File.WriteAllTextAsync(Path.Combine(root, "xdg", "prodstat", "appsettings.json"),
            new JsonObject { ["ProdStatus"] = new JsonObject { ["Rendering"] = new JsonObject { ["FontDirectory"] = fromUser } } }.ToJsonString(), ct);
        string config = Path.Combine(root, "bot.yaml");
        await File.WriteAllTextAsync(config, $"ProdStatus:\n  Rendering:\n    FontDirectory: {fromConfig}\n", ct);
        int port = ProdStatus.Testing.Bot.BotProcess.FreePort();
        using var bot = ProdStatus.Testing.Bot.BotProcess.Start(Path.Combine(AppContext.BaseDirectory, "ProdStatus.Bot.dll"), port, new Dictionary<string, string>
        {
            ["XDG_CONFIG_HOME"] = Path.Combine(root, "xdg"),
            ["ProdStatus__Slack__SigningSecret"] = BotApplication.SlackSecret,
            ["ProdStatus__Jira__WebhookSecret"] = BotApplication.JiraSecret,
            ["ProdStatus__Store__ConnectionString"] = $"Data Source={Path.Combine(root, "bot.db")}",
            ["ProdStatus__Output__DataDir"] = Path.Combine(root, "data"),
        }, ["--config", config]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            string body = "";
            for (int i = 0; i < 150 && !body.Contains("not ready", StringComparison.Ordinal); i++)
            {
                try
                {
                    body = await http.GetStringAsync(new Uri("readyz", UriKind.Relative), ct);
                }
                catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), ct);
                    body = await response.Content.ReadAsStringAsync(ct);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, ct); // not listening yet
                }
            }
            Assert.Contains($"fonts: font file {Path.Combine(fromConfig, "DejaVuSans.ttf")} not found", body, StringComparison.Ordinal);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync(ct);
        }
    }
}
