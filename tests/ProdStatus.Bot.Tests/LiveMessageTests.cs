using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Bot.Slack;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Samples;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>Live campaign messages end to end: the real endpoints, the worker, fake PanDA and a fake Slack Web API.</summary>
public sealed class LiveMessageTests : IAsyncLifetime
{
    private const string Issue = "PREOPS-905";
    private const string Channel = "C1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private readonly FakePandaMonitor _panda = new(SampleCampaign.Create());
    private readonly FakeSlack _slack = new();
    private BotApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await _panda.StartAsync(Ct);
        await _slack.StartAsync(Ct);
        _slack.Channels.Add(Channel);
        _app = new BotApplication(new()
        {
            ["ProdStatus:Panda:BaseUrl"] = _panda.BaseUri.ToString(),
            ["ProdStatus:Worker:LookbackDays"] = "3650",
            ["ProdStatus:Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["ProdStatus:Slack:BotToken"] = _slack.BotToken,
            ["ProdStatus:Slack:Channel"] = "C0PROD",
        }, worker: true);
        _client = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        await _panda.DisposeAsync();
    }

    private async Task SendAsync(HttpRequestMessage request) => (await _client.SendAsync(request, Ct)).EnsureSuccessStatusCode();

    private int _commands;

    /// <summary>Each command has its own response_url (as in Slack), so bodies differ and neither is taken for a repeat.</summary>
    private Task StatsAsync() =>
        SendAsync(Signing.SlackCommand(Signing.SlackBody($"stats {Issue}", _slack.ResponseUrl($"T1/cmd/{Interlocked.Increment(ref _commands)}")), Now));

    private Task PressAsync(string actionId, string trigger) =>
        SendAsync(Signing.SlackButton(actionId, Issue, Channel, trigger, Now, _slack.ResponseUrl("T1/act/" + trigger)));

    /// <summary>Waits until the inbox holds <paramref name="count"/> jobs and none is left to run; none may have failed.</summary>
    private async Task IdleAsync(int count)
    {
        var inbox = _app.Services.GetRequiredService<InboxRepository>();
        for (int i = 0; i < 1200; i++)
        {
            var jobs = await inbox.ListAsync(Ct);
            if (jobs.Count >= count && jobs.All(j => j.State is InboxState.Done or InboxState.Failed or InboxState.Superseded))
            {
                Assert.All(jobs, j => Assert.True(j.State != InboxState.Failed, j.LastError));
                return;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("jobs did not finish");
    }

    private FakeSlackMessage LiveMessage() => Assert.Single(_slack.Parents(Channel));

    [Fact]
    public async Task TwoStats_PostOnceThenUpdateTheSameTs_AndTellTheRequesterThePermalink()
    {
        await StatsAsync();
        await IdleAsync(1);
        await StatsAsync();
        await IdleAsync(2);

        var live = LiveMessage();
        var update = Assert.Single(_slack.Updates);
        Assert.Equal((Channel, live.Ts), ((string?)update["channel"], (string?)update["ts"]));
        var blocks = update["blocks"]!.AsArray();
        Assert.True(blocks.Count <= 50);
        Assert.Contains("next refresh", blocks[^2]!.ToJsonString(), StringComparison.Ordinal);
        var buttons = blocks[^1]!["elements"]!.AsArray().Select(b => (string?)b!["action_id"]).ToList();
        Assert.Equal([LiveBlocks.Refresh, LiveBlocks.Pdf, LiveBlocks.Watch, LiveBlocks.Mute, "open_jira", "open_panda"], buttons);
        Assert.Equal(2, _slack.Posts.Count);
        Assert.All(_slack.Posts, p => Assert.Equal("ephemeral", (string?)p.Message["response_type"]));
        Assert.All(_slack.Posts, p => Assert.Contains($"archives/{Channel}/p", (string?)p.Message["text"], StringComparison.Ordinal));
        Assert.Empty(_slack.Replies(live.Ts)); // nothing changed between the two
    }

    [Fact]
    public async Task RefreshButton_UpdatesTheMessage_AndAChangeIsToldOnceInTheThread()
    {
        await StatsAsync();
        await IdleAsync(1);
        // What the message showed before: workflow 702 still New, fewer failures in the compute_object_epochs task type.
        var store = _app.Services.GetRequiredService<LiveMessageRepository>();
        var row = (await store.GetAsync(Issue, Channel, Ct))!;
        var shown = row.State! with
        {
            Workflows = row.State!.Workflows.ToDictionary(w => w.Key, w => w.Key.EndsWith("20220301T000000Z", StringComparison.Ordinal) ? "New" : w.Value),
            FailedJobs = row.State.FailedJobs.ToDictionary(f => f.Key, f => f.Key.Contains("compute_object_epochs", StringComparison.Ordinal) ? 1 : f.Value),
        };
        await store.SaveStateAsync(Issue, Channel, shown, row.DataAsOf!.Value.AddTicks(1), Ct);

        await PressAsync(LiveBlocks.Refresh, "1.1");
        await IdleAsync(2);
        await PressAsync(LiveBlocks.Refresh, "1.2");
        await IdleAsync(3);

        var live = LiveMessage();
        Assert.Equal(2, _slack.Updates.Count(u => (string?)u["ts"] == live.Ts));
        var reply = Assert.Single(_slack.Replies(live.Ts));
        string text = (string?)reply.Body["text"] ?? "";
        Assert.Contains("changed status: New → Transforming", text, StringComparison.Ordinal);
        Assert.Contains("failures grew in `20220121T031850Z_compute_object_epochs_701`: 1 → 45 failed jobs", text, StringComparison.Ordinal);
        Assert.Null(reply.Body["reply_broadcast"]);
    }

    [Fact]
    public async Task PdfButton_UploadsIntoTheThread()
    {
        await StatsAsync();
        await IdleAsync(1);

        await PressAsync(LiveBlocks.Pdf, "2.1");
        await IdleAsync(2);

        var (fileId, channel, title, thread) = Assert.Single(_slack.SharedFiles);
        Assert.Equal((Channel, $"{Issue} summary", LiveMessage().Ts), (channel, title, thread));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(_slack.Uploads[fileId], 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedLiveMessage_IsPostedAnew()
    {
        await StatsAsync();
        await IdleAsync(1);
        string first = LiveMessage().Ts;
        _slack.Delete(first);

        await StatsAsync();
        await IdleAsync(2);

        Assert.NotEqual(first, LiveMessage().Ts);
        Assert.Equal(2, _slack.ChannelMessages.Count);
    }

    [Fact]
    public async Task WatchAndMuteButtons_AnswerThePresser()
    {
        await StatsAsync();
        await IdleAsync(1);

        await PressAsync(LiveBlocks.Watch, "3.1");
        await PressAsync(LiveBlocks.Mute, "3.2");
        await IdleAsync(3);

        var answers = _slack.Posts.Where(p => p.Path.Contains("/act/", StringComparison.Ordinal)).Select(p => (string?)p.Message["text"]).ToList();
        Assert.Contains(answers, a => a!.StartsWith($"Watching {Issue} here", StringComparison.Ordinal));
        Assert.Contains(answers, a => a!.Contains("muted", StringComparison.Ordinal));
        Assert.True((await _app.Services.GetRequiredService<LiveMessageRepository>().GetAsync(Issue, Channel, Ct))!.Muted);
    }

    [Fact]
    public async Task LinkShared_UnfurlsTrackedIssuesKeyedByTheExactUrl_AndHomeTabListsTheCampaign()
    {
        await StatsAsync();
        await IdleAsync(1);
        const string tracked = "https://rubinobs.atlassian.net/browse/PREOPS-905";
        const string untracked = "https://rubinobs.atlassian.net/browse/PREOPS-1";

        for (int retry = 0; retry < 3; retry++)
        {
            await SendAsync(Signing.SlackEvent($$$"""
                {"type":"event_callback","event_id":"EvLINK1","team_id":"T1","event":{"type":"link_shared","channel":"{{{Channel}}}","user":"U1",
                 "message_ts":"1700000000.000077","unfurl_id":"U1.x","source":"composer",
                 "links":[{"domain":"rubinobs.atlassian.net","url":"{{{tracked}}}"},{"domain":"rubinobs.atlassian.net","url":"{{{untracked}}}"}]}}
                """, Now, retry));
        }
        await SendAsync(Signing.SlackEvent("""
            {"type":"event_callback","event_id":"EvLINK2","team_id":"T1","event":{"type":"link_shared","channel":"C1","user":"U1","message_ts":"1700000000.000078",
             "links":[{"domain":"rubinobs.atlassian.net","url":"https://rubinobs.atlassian.net/browse/PREOPS-2"}]}}
            """, Now));
        await SendAsync(Signing.SlackEvent("""{"type":"event_callback","event_id":"EvHOME","team_id":"T1","event":{"type":"app_home_opened","user":"U1","tab":"home"}}""", Now));
        await IdleAsync(4);

        var unfurl = Assert.Single(_slack.Unfurls);
        Assert.Equal(("U1.x", "composer"), ((string?)unfurl["unfurl_id"], (string?)unfurl["source"]));
        var previews = unfurl["unfurls"]!.AsObject();
        Assert.Equal([tracked], previews.Select(p => p.Key));
        string preview = previews[tracked]!.ToJsonString();
        Assert.Contains("CPU-hours", preview, StringComparison.Ordinal);
        Assert.Contains("failed jobs", preview, StringComparison.Ordinal);
        var view = Assert.Single(_slack.Views);
        Assert.Equal("U1", (string?)view["user_id"]);
        Assert.Contains(Issue, view["view"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyRefreshesInABurst_MakeAHandfulOfUpdates_AndNo429IsIgnored()
    {
        await StatsAsync();
        await IdleAsync(1);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => PressAsync(LiveBlocks.Refresh, $"9.{i}")));
        await IdleAsync(51);

        Assert.Single(_slack.Parents(Channel));
        Assert.InRange(_slack.Updates.Count, 1, 5);
        Assert.Equal(0, _slack.RetryAfterViolations);
    }

    [Fact]
    public async Task ScheduledRefresh_OfADueMessage_UpdatesIt()
    {
        await StatsAsync();
        await IdleAsync(1);
        var scheduler = _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LiveRefreshScheduler>().Single();

        Assert.Equal(0, await scheduler.EnqueueDueAsync(TimeSpan.FromMinutes(30), Ct)); // just shown: not due
        Assert.Equal(1, await scheduler.EnqueueDueAsync(TimeSpan.Zero, Ct));
        await IdleAsync(2);

        Assert.Single(_slack.Updates);
        Assert.Single(_slack.Parents(Channel));
    }

    [Fact]
    public async Task PostWhoseAnswerIsLost_IsNotPostedAgainByTheRetry()
    {
        _slack.LoseNextPostAnswers(1);

        await StatsAsync();
        await IdleAsync(1);

        var job = Assert.Single(await _app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct));
        Assert.Equal((InboxState.Done, 2), (job.State, job.Attempts)); // the first attempt failed, the retry completed
        Assert.Single(_slack.ChannelMessages); // and did not post a second parent
        var (_, answer) = Assert.Single(_slack.Posts);
        Assert.Contains("not confirmed", (string?)answer["text"], StringComparison.Ordinal);
    }
}
