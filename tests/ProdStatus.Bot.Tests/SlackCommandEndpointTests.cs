using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Tests;

public sealed class SlackCommandEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static async Task<IReadOnlyList<InboxJob>> JobsAsync(BotApplication app) =>
        await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct);

    [Fact]
    public async Task SlacksDocumentedExample_Verifies()
    {
        // Slack's worked example ("Verifying requests from Slack"), with the clock pinned next to its timestamp.
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 + 30));
        await using var app = new BotApplication(new() { ["ProdStatus:Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5" }, time);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", "1531420618");
        request.Headers.Add("X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"response_type\":\"ephemeral\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await JobsAsync(app)); // empty text: the help answer, nothing queued
    }

    [Fact]
    public async Task SignedStatsCommand_IsQueuedAndAcknowledged()
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats preops-905"), Now), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"response_type":"ephemeral","text":"Working on `stats PREOPS-905` — the answer will be posted here."}""",
            await response.Content.ReadAsStringAsync(Ct));
        var job = Assert.Single(await JobsAsync(app));
        Assert.Equal((InboxKinds.SlackCommand, "PREOPS-905", InboxState.Pending), (job.Kind, job.Subject, job.State));
    }

    public static TheoryData<string, Func<string, HttpRequestMessage>> BadRequests => new()
    {
        { "wrong secret", body => Signing.SlackCommand(body, Now, "another-secret") },
        { "expired", body => Signing.SlackCommand(body, Now.AddMinutes(-6)) },
        { "from the future", body => Signing.SlackCommand(body, Now.AddMinutes(6)) },
        { "missing", body => new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") } },
        { "tampered body", body => { var r = Signing.SlackCommand(body, Now); r.Content = new StringContent(body + "x", Encoding.UTF8, "application/x-www-form-urlencoded"); return r; } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadSignature_Is401_AndNothingIsQueued(string why, Func<string, HttpRequestMessage> make)
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(make(Signing.SlackBody("stats PREOPS-905")), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        Assert.Empty(await JobsAsync(app));
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("stats")]
    [InlineData("stats not-an-issue!")]
    [InlineData("frobnicate PREOPS-905")]
    public async Task HelpOrUnknownInput_GetsTheHelpText(string text)
    {
        await using var app = new BotApplication(time: new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody(text), Now), Ct);

        Assert.Contains("/prodstat stats PREOPS-905", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await JobsAsync(app));
    }

    [Fact]
    public async Task ChannelNotAllowed_IsToldSo()
    {
        await using var app = new BotApplication(new() { ["ProdStatus:Slack:AllowedChannels:0"] = "C-OPS" }, new FakeTimeProvider(Now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905"), Now), Ct);

        Assert.Contains("not enabled", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await JobsAsync(app));
    }
}
