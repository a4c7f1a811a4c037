using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Inbox;
using ProdStatus.Samples;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Reports;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>
/// reliability.md points 1, 2, 4, 7 and 8 through the real endpoints: debounce at intake, supersession only among
/// webhook refreshes, inert replays, bounded response_url, duplicate and readiness answers.
/// </summary>
public sealed class IntakeReliabilityTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakePandaMonitor _panda = new(SampleCampaign.Create());
    private readonly FakeSlack _slack = new();
    private readonly FakeTeamsWebhook _teams = new();

    public async ValueTask InitializeAsync()
    {
        await _panda.StartAsync(Ct);
        await _slack.StartAsync(Ct);
        await _teams.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _panda.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    private BotApplication App(Dictionary<string, string?>? extra = null, bool worker = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = _panda.BaseUri.ToString(),
            ["ProdStatus:Worker:LookbackDays"] = "3650",
            ["ProdStatus:Teams:WebhookUrl"] = _teams.WebhookUrl,
            ["ProdStatus:Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["ProdStatus:Slack:BotToken"] = _slack.BotToken,
            ["ProdStatus:Slack:LiveMessages"] = "false", // these tests count channel posts
            ["ProdStatus:Slack:Channel"] = "C0PROD",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return new BotApplication(settings, worker: worker);
    }

    [Fact]
    public async Task Point1_FiveTransitionsWithinTheDebounce_AreOneRefresh_TheNewestWins()
    {
        await using var app = App(new() { ["ProdStatus:Jira:DebounceSeconds"] = "2" });
        using var client = app.CreateClient();

        for (int i = 1; i <= 5; i++)
        {
            var response = await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", $"Step {i}"), $"d{i}"), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var jobs = await BotWait.AllEndedAsync(app, 5, TimeSpan.FromSeconds(60), Ct);

        var done = Assert.Single(jobs, j => j.State == InboxState.Done);
        Assert.Contains("\"Step 5\"", done.Payload, StringComparison.Ordinal);
        Assert.Equal(4, jobs.Count(j => j.State == InboxState.Superseded));
        Assert.Single(_slack.ChannelMessages);
        Assert.Single(_slack.SharedFiles);
        Assert.Single(_teams.Accepted);
    }

    [Fact]
    public async Task Point1_TransitionsWhileARefreshRuns_GiveExactlyOneMoreRefreshAfterIt()
    {
        _panda.Latency = TimeSpan.FromMilliseconds(300);
        await using var app = App(new() { ["ProdStatus:Jira:DebounceSeconds"] = "0" });
        using var client = app.CreateClient();

        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "A"), "d1"), Ct);
        await BotWait.UntilAsync(app, jobs => jobs.Any(j => j.State == InboxState.InProgress), TimeSpan.FromSeconds(30), Ct);
        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "B"), "d2"), Ct);
        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "C"), "d3"), Ct);
        var jobs = await BotWait.AllEndedAsync(app, 3, TimeSpan.FromSeconds(60), Ct);

        InboxState StateOf(string status) => jobs.Single(j => j.Payload.Contains($"\"{status}\"", StringComparison.Ordinal)).State;
        Assert.Equal([InboxState.Done, InboxState.Superseded, InboxState.Done], new[] { StateOf("A"), StateOf("B"), StateOf("C") });
        Assert.Equal(InboxState.Superseded, Assert.Single(jobs, j => j.Payload.Contains("\"B\"", StringComparison.Ordinal)).State);
        Assert.Equal(2, _slack.ChannelMessages.Count);
    }

    [Fact]
    public async Task Point2_TwoPeopleAskingAboutOneIssue_BothAreAnswered_WhileOneWaitsForARetry()
    {
        // The first answer meets five 429s (more than the client's four retries): that job waits for its retry while the
        // second person's job completes. Completing a job must not take the waiting one with it.
        _slack.RateLimitNext(5);
        await using var app = App(new() { ["ProdStatus:Worker:Concurrency"] = "1", ["ProdStatus:Worker:RetryDelaySeconds"] = "1" });
        using var client = app.CreateClient();
        var now = TimeProvider.System.GetUtcNow();

        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", _slack.ResponseUrl("T1/1/alice")), now), Ct);
        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", _slack.ResponseUrl("T1/2/bob")), now), Ct);
        var jobs = await BotWait.AllEndedAsync(app, 2, TimeSpan.FromSeconds(60), Ct);

        Assert.All(jobs, j => Assert.Equal(InboxState.Done, j.State));
        Assert.Equal(2, jobs.Single(j => j.Payload.Contains("alice", StringComparison.Ordinal)).Attempts);
        Assert.Equal(["/commands/T1/1/alice", "/commands/T1/2/bob"], _slack.Posts.Select(p => p.Path).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Point4_AReplayedBody_AStaleEvent_AndABadKey_ChangeNothing()
    {
        await using var app = App(worker: false);
        using var client = app.CreateClient();
        string body = Signing.Transition("PREOPS-905", "Done");

        var first = await client.SendAsync(Signing.JiraWebhook(body, "delivery-1"), Ct);
        var replay = await client.SendAsync(Signing.JiraWebhook(body, "delivery-2-captured-and-replayed"), Ct);
        var noId = await client.SendAsync(Signing.JiraWebhook(body, null), Ct);
        var stale = await client.SendAsync(Signing.JiraWebhook(
            Signing.Transition("PREOPS-906", "Done", at: TimeProvider.System.GetUtcNow().AddMinutes(-1441)), "delivery-3"), Ct);
        var badKey = await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done").Replace("\"key\": \"PREOPS-905\"", "\"key\": \"905-PREOPS\"", StringComparison.Ordinal), "delivery-4"), Ct);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.NoContent, HttpStatusCode.BadRequest],
            new[] { first.StatusCode, replay.StatusCode, noId.StatusCode, stale.StatusCode, badKey.StatusCode });
        var job = Assert.Single(await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct));
        Assert.Equal(("PREOPS-905", InboxState.Pending), (job.Subject, job.State));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T1/2/abc", true)]
    [InlineData("https://evil.example.org/commands/T1/2/abc", false)]
    [InlineData("http://hooks.slack.com/commands/T1/2/abc", false)]
    [InlineData("https://hooks.slack.com.evil.example.org/x", false)]
    [InlineData("ftp://hooks.slack.com/x", false)]
    public async Task Point7_ResponseUrl_MustBeHttpsOnAnAllowedHost(string responseUrl, bool accepted)
    {
        await using var app = App(new() { ["ProdStatus:Slack:ResponseUrlHosts:0"] = "hooks.slack.com", ["ProdStatus:Slack:ResponseUrlHosts:1"] = "hooks.slack.com" }, worker: false);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", responseUrl), TimeProvider.System.GetUtcNow()), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(accepted, text.Contains("Working on", StringComparison.Ordinal));
        Assert.DoesNotContain("evil", text, StringComparison.Ordinal);
        Assert.Equal(accepted ? 1 : 0, (await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task Point7_PlainHttp_IsAcceptedOnlyForALoopbackHost()
    {
        await using var app = App(new() { ["ProdStatus:Slack:ResponseUrlHosts:0"] = "127.0.0.1", ["ProdStatus:Slack:ResponseUrlHosts:1"] = "hooks.example.test" }, worker: false);
        using var client = app.CreateClient();
        var now = TimeProvider.System.GetUtcNow();

        var loopback = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", "http://127.0.0.1:9/commands/1"), now), Ct);
        var remote = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", "http://hooks.example.test/commands/1"), now), Ct);

        Assert.Contains("Working on", await loopback.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("not allowed", await remote.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Point8_Duplicates_AreAcknowledgedNever5xx_AndSlackIsAskedNotToRetry()
    {
        await using var app = App(worker: false);
        using var client = app.CreateClient();
        var now = TimeProvider.System.GetUtcNow();
        string slackBody = Signing.SlackBody("stats PREOPS-905");
        string jiraBody = Signing.Transition("PREOPS-905", "Done");

        var slackFirst = await client.SendAsync(Signing.SlackCommand(slackBody, now), Ct);
        var slackAgain = await client.SendAsync(Signing.SlackCommand(slackBody, now), Ct);
        var jiraFirst = await client.SendAsync(Signing.JiraWebhook(jiraBody, "d1"), Ct);
        var jiraAgain = await client.SendAsync(Signing.JiraWebhook(jiraBody, "d1"), Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.Accepted],
            new[] { slackFirst.StatusCode, slackAgain.StatusCode, jiraFirst.StatusCode, jiraAgain.StatusCode });
        Assert.False(slackFirst.Headers.Contains("X-Slack-No-Retry"));
        Assert.Equal("1", Assert.Single(slackAgain.Headers.GetValues("X-Slack-No-Retry")));
        Assert.Equal(2, (await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct)).Count);
    }

    [Theory]
    [InlineData("ProdStatus:Slack:SigningSecret")]
    [InlineData("ProdStatus:Jira:WebhookSecret")]
    public async Task Point8_Readyz_FailsWhenARequiredSecretIsMissing(string key)
    {
        await using var app = App(new() { [key] = "" }, worker: false);
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(key, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
