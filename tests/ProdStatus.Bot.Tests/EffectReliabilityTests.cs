using System.Net;
using ProdStatus.Engine.Inbox;
using ProdStatus.Samples;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Reports;
using ProdStatus.Testing.Server;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>reliability.md points 3, 5 and 6: each effect once, a host no job can stop, logs without secrets.</summary>
public sealed class EffectReliabilityTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakePandaMonitor _panda = new(SampleCampaign.Create());
    private readonly FakeSlack _slack = new();
    private readonly FakeTeamsWebhook _teams = new();
    private readonly FakeJiraServer _jira = new(FakeJiraAuth.Cloud());

    public async ValueTask InitializeAsync()
    {
        await _panda.StartAsync(Ct);
        await _slack.StartAsync(Ct);
        await _teams.StartAsync(Ct);
        await _jira.StartAsync(Ct);
        _jira.State.Seed("PREOPS-905", "DP0.2 step 1");
    }

    public async ValueTask DisposeAsync()
    {
        await _panda.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
        await _jira.DisposeAsync();
    }

    private BotApplication App(Dictionary<string, string?>? extra = null, CapturingLoggerProvider? logs = null)
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
            ["ProdStatus:Jira:BaseUrl"] = _jira.BaseUri.ToString(),
            ["ProdStatus:Jira:Email"] = "bot@example.org",
            ["ProdStatus:Jira:ApiToken"] = "cloud-token",
            ["ProdStatus:Jira:RetryDelayMilliseconds"] = "1",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return new BotApplication(settings, worker: true, logs: logs);
    }

    private int Comments()
    {
        lock (_jira.State.Gate)
        {
            return _jira.State.Issues["PREOPS-905"].Comments.Count;
        }
    }

    private int Attachments()
    {
        lock (_jira.State.Gate)
        {
            return _jira.State.Issues["PREOPS-905"].Attachments.Count;
        }
    }

    [Fact]
    public async Task Point3_ATeams503_LeavesExactlyOneChannelPost_AndTheJobSaysTheCardWasNotSentAgain()
    {
        _teams.Then(503);
        await using var app = App();
        using var client = app.CreateClient();

        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "d1"), Ct);
        var job = Assert.Single(await BotWait.AllEndedAsync(app, 1, TimeSpan.FromSeconds(60), Ct));

        Assert.Equal((InboxState.Done, 2), (job.State, job.Attempts));
        Assert.Contains("not sent again: teams-card", job.LastError, StringComparison.Ordinal);
        Assert.Single(_slack.ChannelMessages);
        Assert.Single(_slack.SharedFiles);
        Assert.Single(_teams.Requests);
        Assert.Equal((1, 1), (Comments(), Attachments()));
    }

    [Theory]
    [InlineData(Fault.Hang)]
    [InlineData(Fault.CloseMidBody)]
    public async Task Point3_AChannelPostWithUnknownOutcome_IsNotRepeated_LaterEffectsStillHappen(Fault fault)
    {
        _slack.Faults.FaultNext("chat.postMessage", fault);
        _slack.Faults.HangLimit = TimeSpan.FromSeconds(25);
        await using var app = App(new() { ["ProdStatus:Worker:JobTimeoutSeconds"] = "10" });
        using var client = app.CreateClient();

        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "d1"), Ct);
        var job = Assert.Single(await BotWait.AllEndedAsync(app, 1, TimeSpan.FromSeconds(60), Ct));

        Assert.Equal(InboxState.Done, job.State);
        Assert.Contains("not sent again: channel-post", job.LastError, StringComparison.Ordinal);
        Assert.Single(_slack.ChannelMessages);
        Assert.Single(_slack.SharedFiles);
        Assert.Single(_teams.Accepted);
        Assert.Equal((1, 1), (Comments(), Attachments()));
    }

    [Fact]
    public async Task Point3_JiraWritesWhoseAnswerIsLost_AreLookedUp_NotDuplicated()
    {
        // The comment and the attachment land, and their answers are lost (500 after processing), then Jira refuses once.
        _jira.Faults.FailAfterProcessing("POST");
        _jira.Faults.FailAfterProcessing("POST");
        _jira.Faults.RetryAfterSeconds = 0;
        _jira.Faults.RefuseNext(HttpStatusCode.ServiceUnavailable);
        await using var app = App();
        using var client = app.CreateClient();

        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "d1"), Ct);
        var job = Assert.Single(await BotWait.AllEndedAsync(app, 1, TimeSpan.FromSeconds(60), Ct));

        Assert.Equal(InboxState.Done, job.State);
        Assert.Equal((1, 1), (Comments(), Attachments()));
        Assert.Single(_slack.ChannelMessages);
    }

    [Fact]
    public async Task Point5_AHangingResponseUrl_DelaysOnlyItsOwnJob_TheHostStaysUp_AndNothingIsPostedTwice()
    {
        _slack.Faults.FaultNext(FakeSlack.ResponseUrlRoute, Fault.Hang);
        _slack.Faults.HangLimit = TimeSpan.FromSeconds(30);
        await using var app = App(new() { ["ProdStatus:Worker:JobTimeoutSeconds"] = "6", ["ProdStatus:Worker:Concurrency"] = "2" });
        using var client = app.CreateClient();
        var now = TimeProvider.System.GetUtcNow();

        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", _slack.ResponseUrl("T1/1/hangs")), now), Ct);
        await BotWait.UntilAsync(app, _ => !_slack.Faults.Injected.IsEmpty, TimeSpan.FromSeconds(30), Ct);
        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("summary", _slack.ResponseUrl("T1/2/other")), now), Ct);
        await BotWait.UntilAsync(app, _ => _slack.Posts.Any(p => p.Path.EndsWith("other", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).StatusCode);
        var jobs = await BotWait.AllEndedAsync(app, 2, TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).StatusCode);
        var hung = jobs.Single(j => j.Payload.Contains("hangs", StringComparison.Ordinal));
        Assert.Equal(InboxState.Done, hung.State);
        Assert.Contains("not sent again: response-url", hung.LastError, StringComparison.Ordinal);
        Assert.Equal(1, _slack.Posts.Count(p => p.Path.EndsWith("hangs", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Point6_AJobEndToEnd_LogsNoSecretAndNoCapabilityUrl_AtInformation()
    {
        var logs = new CapturingLoggerProvider();
        _teams.Then(503);
        _slack.RateLimitNext(1);
        await using (var app = App(new()
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["ProdStatus:Butler:DbAuthUser"] = "registry-user",
            ["ProdStatus:Butler:DbAuthPassword"] = "registry-password-value",
            ["ProdStatus:Butler:DbAuthUrl"] = "postgresql://registry.example.org/*",
        }, logs))
        {
            using var client = app.CreateClient();
            await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "d1"), Ct);
            await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", _slack.ResponseUrl("T1/2/capability-path")),
                TimeProvider.System.GetUtcNow()), Ct);
            await BotWait.AllEndedAsync(app, 2, TimeSpan.FromSeconds(60), Ct);
        }

        string log = string.Join('\n', logs.Lines);
        Assert.Contains("done in", log, StringComparison.Ordinal); // the capture works at Information
        string[] secrets =
        [
            BotApplication.SlackSecret, BotApplication.JiraSecret, _slack.BotToken, "cloud-token", "registry-password-value",
            FakeTeamsWebhook.Signature, "/workflows/0a1b2c", "capability-path", "/commands/T1", "triggers/manual",
        ];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log, StringComparison.Ordinal));
    }
}
