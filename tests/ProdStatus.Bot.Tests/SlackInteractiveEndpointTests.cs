using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Bot.Slack;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Tests;

/// <summary><c>/slack/interactions</c> and <c>/slack/events</c> without the worker: signatures, acknowledgement, queueing, deduplication.</summary>
public sealed class SlackInteractiveEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static async Task<IReadOnlyList<InboxJob>> JobsAsync(BotApplication app) =>
        await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct);

    public static TheoryData<string, string> Endpoints => new()
    {
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("""{"type":"block_actions","trigger_id":"1.2","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1"},"actions":[{"action_id":"prodstat_refresh","value":"PREOPS-905","action_ts":"1.3"}]}""") },
        { "/slack/events", """{"type":"event_callback","event_id":"Ev1","team_id":"T1","event":{"type":"app_home_opened","user":"U1","tab":"home"}}""" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task UnsignedOrStaleOrWrongSecret_Is401_AndNothingIsQueued(string path, string body)
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();
        string type = path.EndsWith("events", StringComparison.Ordinal) ? "application/json" : "application/x-www-form-urlencoded";

        var unsigned = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, type) }, Ct);
        var stale = await client.SendAsync(Signing.SlackSigned(path, body, type, Now.AddMinutes(-6)), Ct);
        var wrong = await client.SendAsync(Signing.SlackSigned(path, body, type, Now, "another-secret"), Ct);
        var fine = await client.SendAsync(Signing.SlackSigned(path, body, type, Now), Ct);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            new[] { unsigned.StatusCode, stale.StatusCode, wrong.StatusCode, fine.StatusCode });
        Assert.Single(await JobsAsync(app)); // only the signed one
    }

    [Fact]
    public async Task UrlVerification_AnswersTheChallenge()
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackEvent(
            """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", Now), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await JobsAsync(app));
    }

    [Fact]
    public async Task TheSameEventDeliveredThreeTimes_IsQueuedOnce()
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();
        const string body = """
            {"type":"event_callback","event_id":"Ev08MFMKH6","event_time":1764590000,"team_id":"T1",
             "event":{"type":"link_shared","channel":"C1","user":"U1","message_ts":"1700000000.000009","unfurl_id":"C1.1700000000.000009.abc","source":"conversations_history",
                      "links":[{"domain":"rubinobs.atlassian.net","url":"https://rubinobs.atlassian.net/browse/PREOPS-905"}]}}
            """;

        for (int retry = 0; retry < 3; retry++)
        {
            var response = await client.SendAsync(Signing.SlackEvent(body, Now, retry), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var job = Assert.Single(await JobsAsync(app));
        Assert.Equal(SlackLiveKinds.Event, job.Kind);
        Assert.Contains("https://rubinobs.atlassian.net/browse/PREOPS-905", job.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ButtonPress_IsAcknowledgedEmptyAndQueuedOnce_LinkButtonsAndOthersAreNot()
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var first = await client.SendAsync(Signing.SlackButton(LiveBlocks.Refresh, "PREOPS-905", "C1", "111.222", Now), Ct);
        var again = await client.SendAsync(Signing.SlackButton(LiveBlocks.Refresh, "PREOPS-905", "C1", "111.222", Now), Ct);
        var link = await client.SendAsync(Signing.SlackButton("open_jira", "PREOPS-905", "C1", "111.333", Now), Ct);

        Assert.All(new[] { first, again, link }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("", await first.Content.ReadAsStringAsync(Ct));
        var job = Assert.Single(await JobsAsync(app));
        Assert.Equal((SlackLiveKinds.Action, InboxState.Pending), (job.Kind, job.State));
        Assert.Contains("\"ActionId\":\"prodstat_refresh\"", job.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.test", job.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ButtonPressInAChannelNotAllowed_IsDropped()
    {
        await using var app = new BotApplication(new() { ["ProdStatus:Slack:AllowedChannels:0"] = "C-OPS" }, new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackButton(LiveBlocks.Refresh, "PREOPS-905", "C1", "111.222", Now), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await JobsAsync(app));
    }

    [Fact]
    public void TwoHandlersForOneButtonAreRefused()
    {
        var real = new SlackActionRoute(LiveBlocks.Watch, typeof(RefreshActionHandler));

        var registry = new SlackActionRegistry([real]);

        Assert.True(registry.Handles(LiveBlocks.Watch));
        Assert.False(registry.Handles("prodstat_unknown"));
        Assert.Throws<InvalidOperationException>(() => new SlackActionRegistry([real, real]));
    }

    [Fact]
    public async Task ButtonThatFailsForGood_TellsThePresser()
    {
        await using var slack = new ProdStatus.Testing.Slack.FakeSlack();
        await slack.StartAsync(Ct);
        // No bot token: a live message cannot be refreshed.
        await using var app = new BotApplication(new() { ["ProdStatus:Panda:BaseUrl"] = "http://127.0.0.1:9/" }, worker: true);
        using var client = app.CreateClient();

        await client.SendAsync(Signing.SlackButton(LiveBlocks.Refresh, "PREOPS-905", "C1", "5.1", TimeProvider.System.GetUtcNow(), slack.ResponseUrl("T1/act/5")), Ct);
        for (int i = 0; i < 600 && slack.Posts.IsEmpty; i++)
        {
            await Task.Delay(50, Ct);
        }

        var (_, answer) = Assert.Single(slack.Posts);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Equal("prodstat prodstat_refresh PREOPS-905 failed: Slack: live messages need ProdStatus:Slack:BotToken", (string?)answer["text"]);
    }

    [Theory]
    [InlineData("https://rubinobs.atlassian.net/browse/PREOPS-905", "PREOPS-905")]
    [InlineData("https://rubinobs.atlassian.net/browse/preops-905?focusedCommentId=1", "PREOPS-905")]
    [InlineData("https://rubinobs.atlassian.net/browse/", null)]
    [InlineData("https://rubinobs.atlassian.net/browse/not a key", null)]
    [InlineData("https://example.org/browse/PREOPS-905", null)]
    public void IssueOfALink_NeedsTheBrowsePrefixAndAKey(string url, string? issue) =>
        Assert.Equal(issue, SlackEventProcessor.IssueOf(url, "https://rubinobs.atlassian.net/browse/"));
}
