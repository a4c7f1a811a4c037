using System.Text;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Cli.Tests;

public sealed class SlackSignCommandTests
{
    [Fact]
    public async Task PrintsACurlCommandWhoseSignatureVerifies()
    {
        var settings = CliRun.Settings(CliRun.TempDir());
        settings["ProdStatus:Slack:SigningSecret"] = "local-secret";

        var (code, output, _) = await CliRun.RunAsync(settings, "slack-sign", "stats PREOPS-905", "--url", "http://127.0.0.1:8080/slack/commands");

        Assert.Equal(0, code);
        var match = Regex.Match(output, "X-Slack-Request-Timestamp: (\\d+)' -H 'X-Slack-Signature: (v0=[0-9a-f]+)' --data '([^']+)'");
        Assert.True(match.Success, output);
        Assert.DoesNotContain("local-secret", output, StringComparison.Ordinal);
        var now = DateTimeOffset.FromUnixTimeSeconds(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SlackSignatureResult.Valid,
            SlackSignature.Verify("local-secret", match.Groups[1].Value, match.Groups[2].Value, Encoding.UTF8.GetBytes(match.Groups[3].Value), now));
        Assert.Contains("text=stats%20PREOPS-905", match.Groups[3].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASecret_SaysWhichKey()
    {
        var (code, _, error) = await CliRun.RunAsync(CliRun.Settings(CliRun.TempDir()), "slack-sign", "help");
        Assert.Equal(2, code);
        Assert.Contains("ProdStatus:Slack:SigningSecret is not set", error, StringComparison.Ordinal);
    }
}
