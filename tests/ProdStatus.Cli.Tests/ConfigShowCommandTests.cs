using System.Text.Json;

namespace ProdStatus.Cli.Tests;

/// <summary><c>prodstat config show</c>: every value with its layer, and no secret in any output.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigShowCommandTests
{
    private static readonly string[] Secrets =
    [
        "jira-token-from-user-file-AAAA", "slack-token-from-config-BBBB", "teams-url-from-env?sig=CCCC",
        "pg-password-from-cli-DDDD", "s3-key-from-a-secret-file-EEEE",
    ];

    [Fact]
    public async Task ShowsEachValueWithItsSource_AndMasksEverySecret()
    {
        string root = CliRun.TempDir();
        string user = Path.Combine(root, "user.json");
        await File.WriteAllTextAsync(user, """{"ProdStatus":{"Jira":{"BaseUrl":"https://jira.example/","ApiToken":"jira-token-from-user-file-AAAA"}}}""", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(user, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string config = Path.Combine(root, "extra.yaml");
        await File.WriteAllTextAsync(config, "ProdStatus:\n  Slack:\n    BotToken: slack-token-from-config-BBBB\n    Channel: C0PROD\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string secretFile = Path.Combine(root, "s3-secret");
        await File.WriteAllTextAsync(secretFile, "s3-key-from-a-secret-file-EEEE\n", TestContext.Current.CancellationToken);
        var settings = CliRun.Settings(root);
        settings["ProdStatus:Teams:WebhookUrl"] = "https://teams.example/workflows/1?teams-url-from-env?sig=CCCC";
        settings["ProdStatus:Butler:S3SecretAccessKeyFile"] = secretFile;

        foreach (string[] format in new[] { Array.Empty<string>(), ["--json"] })
        {
            var (code, output, error) = await CliRun.RunAsync(settings, user,
                ["config", "show", "--config", config, "--set", "ProdStatus:Store:ConnectionString=Host=db;Username=prod;Password=pg-password-from-cli-DDDD", .. format]);

            Assert.True(code == 0, error);
            foreach (string secret in Secrets)
            {
                Assert.DoesNotContain(secret[..^4], output + error, StringComparison.Ordinal);
            }
            if (format.Length == 0)
            {
                Assert.Contains($"ProdStatus:Jira:ApiToken = ****AAAA  [user file {user}]", output, StringComparison.Ordinal);
                Assert.Contains($"ProdStatus:Jira:BaseUrl = https://jira.example/  [user file {user}]", output, StringComparison.Ordinal);
                Assert.Contains($"ProdStatus:Slack:BotToken = ****BBBB  [--config {config}]", output, StringComparison.Ordinal);
                Assert.Contains("ProdStatus:Teams:WebhookUrl = ****CCCC  [command line]", output, StringComparison.Ordinal);
                Assert.Contains("Password=****DDDD", output, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("ProdStatus:Jira:Project = DRP  [defaults ", output, StringComparison.Ordinal);
            }
            else
            {
                using var json = JsonDocument.Parse(output);
                var token = json.RootElement.EnumerateArray().Single(e => e.GetProperty("key").GetString() == "ProdStatus:Butler:S3SecretAccessKey");
                Assert.Equal("****EEEE", token.GetProperty("value").GetString());
                Assert.Equal($"file {secretFile} (ProdStatus:Butler:S3SecretAccessKeyFile, command line)", token.GetProperty("source").GetString());
            }
        }
    }

    [Fact]
    public async Task UserFileReadableByOthers_HoldingASecret_IsOneLineNamingIt()
    {
        string root = CliRun.TempDir();
        string user = Path.Combine(root, "user.json");
        await File.WriteAllTextAsync(user, """{"ProdStatus":{"Slack":{"SigningSecret":"signing-secret-value-1234"}}}""", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(user, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var (code, output, error) = await CliRun.RunAsync(CliRun.Settings(root), user, ["config", "show"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {user}: holds the secret ProdStatus:Slack:SigningSecret but other users can read it; " +
            $"run 'chmod 600 {user}' or move the secret to a …File key\n", error);
    }
}
