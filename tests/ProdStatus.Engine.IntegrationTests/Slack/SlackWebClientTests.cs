using System.Text.Json.Nodes;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Testing;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Engine.IntegrationTests.Slack;

public sealed class SlackWebClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EngineTestHost Host(FakeSlack slack, string token = "xoxb-test") => new(new Dictionary<string, string?>
    {
        ["ProdStatus:Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        ["ProdStatus:Slack:BotToken"] = token,
        ["ProdStatus:Slack:Channel"] = "C0PROD",
    });

    [Fact]
    public async Task PostMessage_PostsToTheChannel()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        using var host = Host(slack);

        string ts = await host.Get<SlackWebClient>().PostMessageAsync("C0PROD", new JsonObject { ["text"] = "hello" }, Ct);

        Assert.Equal("1700000000.000001", ts);
        Assert.Equal("hello", (string?)Assert.Single(slack.ChannelMessages)["text"]);
    }

    [Fact]
    public async Task OkFalse_BecomesAnErrorWithSlacksCode()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        using var host = Host(slack);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => host.Get<SlackWebClient>().PostMessageAsync("C-NOPE", new JsonObject { ["text"] = "x" }, Ct));

        Assert.Equal("channel_not_found", error.ErrorCode);
    }

    [Fact]
    public async Task UploadFile_UsesTheExternalUploadFlow()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        using var host = Host(slack);
        byte[] pdf = "%PDF-1.7 fake"u8.ToArray();

        string id = await host.Get<SlackWebClient>().UploadFileAsync("C0PROD", "summary-PREOPS-905.pdf", pdf, "PREOPS-905 summary", "PDF summary", cancellationToken: Ct);

        Assert.Equal(pdf, slack.Uploads[id]);
        Assert.Equal((id, "C0PROD", "PREOPS-905 summary", (string?)null), Assert.Single(slack.SharedFiles));
        Assert.DoesNotContain(slack.Requests, r => r.PathAndQuery.Contains("files.upload?", StringComparison.Ordinal) || r.PathAndQuery.EndsWith("files.upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdatePermalinkAndThreadedUpload_UseTheDocumentedArguments()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        using var host = Host(slack);
        var web = host.Get<SlackWebClient>();
        string ts = await web.PostMessageAsync("C0PROD", new JsonObject { ["text"] = "v1" }, Ct);

        await web.UpdateMessageAsync("C0PROD", ts, new JsonObject { ["text"] = "v2" }, Ct);
        string link = await web.GetPermalinkAsync("C0PROD", ts, Ct);
        string id = await web.UploadFileAsync("C0PROD", "s.pdf", "%PDF-1.7"u8.ToArray(), "s", null, ts, Ct);

        Assert.Equal("v2", (string?)slack.Messages[ts].Body["text"]);
        Assert.EndsWith($"archives/C0PROD/p{ts.Replace(".", "", StringComparison.Ordinal)}", link, StringComparison.Ordinal);
        Assert.Equal((id, "C0PROD", "s", ts), Assert.Single(slack.SharedFiles));
    }

    [Fact]
    public async Task UpdateOfADeletedMessage_IsMessageNotFound()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        using var host = Host(slack);
        var web = host.Get<SlackWebClient>();
        string ts = await web.PostMessageAsync("C0PROD", new JsonObject { ["text"] = "v1" }, Ct);
        slack.Delete(ts);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => web.UpdateMessageAsync("C0PROD", ts, new JsonObject { ["text"] = "v2" }, Ct));

        Assert.Equal("message_not_found", error.ErrorCode);
    }

    [Fact]
    public async Task RateLimitedPost_IsRetriedAfterRetryAfter_AndPostedOnce()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        using var host = Host(slack);
        var web = host.Get<SlackWebClient>();
        slack.RateLimitWebApiNext(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await web.PostMessageAsync("C0PROD", new JsonObject { ["text"] = "one" }, Ct);

        Assert.Single(slack.ChannelMessages);
        Assert.Equal((1, 0), (slack.RateLimited, slack.RetryAfterViolations));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}");
    }
}
