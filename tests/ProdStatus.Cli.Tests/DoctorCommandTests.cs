using System.Text;
using ProdStatus.Samples;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Reports;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Cli.Tests;

/// <summary><c>prodstat doctor</c> against loopback fakes: all green, then each broken part red with its fix line, and no write sent anywhere.</summary>
public sealed class DoctorCommandTests : IAsyncLifetime
{
    private readonly FakePandaMonitor _panda = new(SampleCampaign.Create());
    private readonly FakeJiraServer _jira = new(FakeJiraAuth.Cloud(token: "jira-api-token-0001"));
    private readonly FakeSlack _slack = new();
    private readonly FakeTeamsWebhook _teams = new();
    private readonly string _root = CliRun.TempDir();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _panda.StartAsync(ct);
        await _jira.StartAsync(ct);
        await _slack.StartAsync(ct);
        await _teams.StartAsync(ct);
        _jira.State.Seed("DRP-53");
        Directory.CreateDirectory(Path.Combine(_root, "repo"));
        await File.WriteAllTextAsync(Path.Combine(_root, "repo", "butler.yaml"), "datastore: {}\n", ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _panda.DisposeAsync();
        await _jira.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task AllGreen_ExitsZero_AndWritesToNoService()
    {
        var (code, output, error) = await DoctorAsync(Settings(TokenValidFor(TimeSpan.FromDays(2))));

        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("✗", output, StringComparison.Ordinal);
        foreach (string line in new[]
        {
            "✓ PanDA token: valid", $"✓ PanDA monitor: {_panda.BaseUri} answers", $"✓ Jira: authenticated at {_jira.BaseUri} as ",
            "✓ Jira: summary issue DRP-53 exists", "✓ Slack: bot token valid", "✓ Slack: scope chat:write", "✓ Slack: scope files:write",
            "✓ Teams: webhook URL well formed", "✓ store (Sqlite): opens, writable, schema current", "✓ inbox (Sqlite): opens, writable, schema current",
            "✓ fonts: DejaVu Sans loads", "✓ Butler S3:", $"✓ Butler: repository {Path.Combine(_root, "repo")} exists", "all checks passed",
        })
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }
        Assert.All(_panda.Requests, r => Assert.Equal("GET", r.Method));
        Assert.All(_jira.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(["/api/auth.test"], _slack.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(0, _teams.RequestCount);
        Assert.DoesNotContain("jira-api-token-0001", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredPandaToken_IsRed_WithTheRenewLine()
    {
        var (code, output, _) = await DoctorAsync(Settings(TokenValidFor(TimeSpan.FromMinutes(-5))));

        Assert.Equal(1, code);
        Assert.Contains("expired at", Line(output, "✗ PanDA token:"), StringComparison.Ordinal);
        Assert.Contains("— fix: renew it with panda-client", Line(output, "✗ PanDA token:"), StringComparison.Ordinal);
        Assert.Contains("1 check(s) failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenAboutToExpire_IsRed()
    {
        var (code, output, _) = await DoctorAsync(Settings(TokenValidFor(TimeSpan.FromMinutes(10))));
        Assert.Equal(1, code);
        Assert.Contains("✗ PanDA token: expires at", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongJiraPassword_IsRed_WithTheKeysToCheck()
    {
        var settings = Settings(TokenValidFor(TimeSpan.FromDays(2)));
        settings["ProdStatus:Jira:ApiToken"] = "wrong-token-000000";

        var (code, output, _) = await DoctorAsync(settings);

        Assert.Equal(1, code);
        Assert.Equal($"✗ Jira: {_jira.BaseUri} refused the credentials (HTTP 401) — fix: check ProdStatus:Jira:Email and ProdStatus:Jira:ApiToken",
            Line(output, "✗ Jira"));
        Assert.DoesNotContain("wrong-token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSlackScope_IsRed_WithHowToAddIt()
    {
        _slack.Scopes = "chat:write,channels:read";

        var (code, output, _) = await DoctorAsync(Settings(TokenValidFor(TimeSpan.FromDays(2))));

        Assert.Equal(1, code);
        Assert.Equal("✗ Slack: the bot token lacks scope files:write (sharing PDF summaries) — fix: add files:write under OAuth & Permissions → " +
            "Bot Token Scopes, reinstall the app, and update ProdStatus:Slack:BotToken", Line(output, "✗ Slack"));
        Assert.Contains("✓ Slack: scope chat:write", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableStore_IsRed_WithWhereToPointIt()
    {
        var settings = Settings(TokenValidFor(TimeSpan.FromDays(2)));
        Assert.Equal(0, (await DoctorAsync(settings)).Code); // creates both store files
        // Read-only by the connection (tests run as root, which file modes do not stop).
        settings["ProdStatus:Store:ConnectionString"] += ";Mode=ReadOnly";

        var (code, output, _) = await DoctorAsync(settings);

        Assert.Equal(1, code);
        string line = Line(output, "✗ store");
        Assert.StartsWith("✗ store (Sqlite): not writable (", line, StringComparison.Ordinal);
        Assert.EndsWith("— fix: make the store writable, or point ProdStatus:Store:ConnectionString (or ProdStatus:Output:DataDir) elsewhere", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreFromAnOlderSchema_IsRed_NamingTheMissingColumn()
    {
        var settings = Settings(TokenValidFor(TimeSpan.FromDays(2)));
        string db = Path.Combine(_root, "old.db");
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await old.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE panda_workflow (jira TEXT NOT NULL, wf_key TEXT NOT NULL, PRIMARY KEY (jira, wf_key))";
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        settings["ProdStatus:Store:ConnectionString"] = $"Data Source={db};Pooling=False";

        var (code, output, _) = await DoctorAsync(settings);

        Assert.Equal(1, code);
        Assert.StartsWith("✗ store (Sqlite): schema out of date: table panda_workflow has no column request_id — fix: ", Line(output, "✗ store"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnconfiguredParts_AreSkipped_NotFailed()
    {
        var (code, output, _) = await CliRun.RunAsync(CliRun.Settings(_root), "doctor");
        Assert.Equal(0, code);
        Assert.Contains("– PanDA monitor: not configured (ProdStatus:Panda:BaseUrl)", output, StringComparison.Ordinal);
        Assert.Contains("– Slack Web API: no bot token (ProdStatus:Slack:BotToken)", output, StringComparison.Ordinal);
    }

    private Task<(int Code, string Out, string Error)> DoctorAsync(Dictionary<string, string?> settings) =>
        CliRun.RunAsync(settings, "doctor", "--butler", Path.Combine(_root, "repo"));

    private Dictionary<string, string?> Settings(string tokenFile)
    {
        var settings = CliRun.Settings(_root, _panda.BaseUri.ToString());
        settings["ProdStatus:Panda:TokenFile"] = tokenFile;
        settings["ProdStatus:Jira:BaseUrl"] = _jira.BaseUri.ToString();
        settings["ProdStatus:Jira:Email"] = "bot@example.org";
        settings["ProdStatus:Jira:ApiToken"] = "jira-api-token-0001";
        settings["ProdStatus:Jira:SummaryIssue"] = "DRP-53";
        settings["ProdStatus:Jira:RetryDelayMilliseconds"] = "1";
        settings["ProdStatus:Slack:BotToken"] = _slack.BotToken;
        settings["ProdStatus:Slack:Channel"] = "C0PROD";
        settings["ProdStatus:Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        settings["ProdStatus:Teams:WebhookUrl"] = _teams.WebhookUrl;
        settings["ProdStatus:Butler:S3EndpointUrl"] = _jira.BaseUri.ToString(); // any server that answers
        return settings;
    }

    /// <summary>A panda-client token cache whose id_token expires after <paramref name="lifetime"/>; the fake monitor requires it.</summary>
    private string TokenValidFor(TimeSpan lifetime)
    {
        long exp = TimeProvider.System.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string jwt = $"{B64("{\"alg\":\"none\"}")}.{B64($"{{\"exp\":{exp}}}")}.sig";
        _panda.RequiredAuthorization = "Bearer " + jwt;
        string path = Path.Combine(_root, "panda-token.json");
        File.WriteAllText(path, $"{{\"id_token\": \"{jwt}\"}}");
        return path;
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? $"(no line starting with '{prefix}' in:\n{output})";
}
