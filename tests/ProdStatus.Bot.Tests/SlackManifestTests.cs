using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Testing.Reports;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Bot.Tests;

/// <summary>The Slack app manifest names the bot's real, signed endpoints, the events it handles and the scopes it needs.</summary>
public sealed class SlackManifestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static YamlMappingNode Manifest()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "manifests", "slack-app-manifest.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static List<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    [Fact]
    public async Task RequestUrls_AreTheBotsSignedSlackEndpoints()
    {
        var manifest = Manifest();
        string[] urls =
        [
            ((YamlScalarNode)At(((YamlSequenceNode)At(manifest, "features", "slash_commands")).Children[0], "url")).Value!,
            ((YamlScalarNode)At(manifest, "settings", "interactivity", "request_url")).Value!,
            ((YamlScalarNode)At(manifest, "settings", "event_subscriptions", "request_url")).Value!,
        ];
        await using var app = new BotApplication(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));
        using var client = app.CreateClient();

        Assert.Equal(["/slack/commands", "/slack/interactions", "/slack/events"], urls.Select(u => new Uri(u).AbsolutePath));
        foreach (string url in urls)
        {
            var response = await client.PostAsync(new Uri(url).AbsolutePath, new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // the route exists and wants Slack's signature
        }
    }

    [Fact]
    public void EventsScopesAndHomeTab_AreDeclared()
    {
        var manifest = Manifest();

        Assert.Equal(["app_home_opened", "link_shared"], Strings(At(manifest, "settings", "event_subscriptions", "bot_events")).Order());
        Assert.Subset(Strings(At(manifest, "oauth_config", "scopes", "bot")).ToHashSet(),
            new HashSet<string> { "commands", "chat:write", "files:write", "links:read", "links:write" });
        Assert.Equal("true", ((YamlScalarNode)At(manifest, "features", "app_home", "home_tab_enabled")).Value);
        Assert.Equal("true", ((YamlScalarNode)At(manifest, "settings", "interactivity", "is_enabled")).Value);
        Assert.NotEmpty(Strings(At(manifest, "features", "unfurl_domains")));
    }
}
