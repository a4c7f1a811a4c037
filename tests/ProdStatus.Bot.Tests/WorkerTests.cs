using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Samples;
using ProdStatus.Engine.Inbox;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

public sealed class WorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<InboxJob> WaitForEndAsync(BotApplication app, TimeSpan timeout)
    {
        var inbox = app.Services.GetRequiredService<InboxRepository>();
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var job = (await inbox.ListAsync(Ct)).SingleOrDefault();
            if (job is { State: InboxState.Done or InboxState.Failed })
            {
                return job;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("the worker did not finish the job");
    }

    [Fact]
    public async Task StatsCommand_IsAnsweredInTheChannel()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        slack.RateLimitNext(1);
        await using var app = new BotApplication(new()
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Worker:LookbackDays"] = "3650",
        }, worker: true);
        using var client = app.CreateClient();

        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", slack.ResponseUrl()), TimeProvider.System.GetUtcNow()), Ct);
        var job = await WaitForEndAsync(app, TimeSpan.FromSeconds(30));

        // The look-back window reaches today, so the running third submission counts too.
        Assert.Equal(InboxState.Done, job.State);
        var (_, message) = Assert.Single(slack.Posts);
        Assert.Equal("in_channel", (string?)message["response_type"]);
        Assert.StartsWith("Campaign summary PREOPS-905: 1 SubFinished, 1 Transforming, 1 Finished", (string?)message["text"], StringComparison.Ordinal);
        Assert.NotEmpty(message["blocks"]!.AsArray());
    }

    [Fact]
    public async Task MonitorDown_EndsAsAnErrorMessageToTheRequester()
    {
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        await using var app = new BotApplication(new()
        {
            ["ProdStatus:Panda:BaseUrl"] = "http://127.0.0.1:9/",
            ["ProdStatus:Panda:MaxRetries"] = "1",
            ["ProdStatus:Worker:MaxAttempts"] = "2",
        }, worker: true);
        using var client = app.CreateClient();

        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", slack.ResponseUrl()), TimeProvider.System.GetUtcNow()), Ct);
        var job = await WaitForEndAsync(app, TimeSpan.FromSeconds(30));

        Assert.Equal((InboxState.Failed, 2), (job.State, job.Attempts));
        var (_, message) = Assert.Single(slack.Posts);
        Assert.Equal("ephemeral", (string?)message["response_type"]);
        Assert.Contains("PanDA monitor: cannot reach", (string?)message["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackedTransition_RefreshesAndPostsToTheTeamChannel()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        await using var teams = new ProdStatus.Testing.Reports.FakeTeamsWebhook();
        await teams.StartAsync(Ct);
        await using var app = new BotApplication(new()
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Worker:LookbackDays"] = "3650",
            ["ProdStatus:Teams:WebhookUrl"] = teams.WebhookUrl,
            ["ProdStatus:Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["ProdStatus:Slack:BotToken"] = slack.BotToken,
            ["ProdStatus:Slack:Channel"] = "C0PROD",
        }, worker: true);
        using var client = app.CreateClient();

        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "delivery-7"), Ct);
        var job = await WaitForEndAsync(app, TimeSpan.FromSeconds(30));

        Assert.Equal(InboxState.Done, job.State);
        var message = Assert.Single(slack.ChannelMessages);
        Assert.Equal("C0PROD", (string?)message["channel"]);
        Assert.StartsWith("Campaign summary PREOPS-905:", (string?)message["text"], StringComparison.Ordinal);
        var (fileId, channel, title, thread) = Assert.Single(slack.SharedFiles);
        Assert.Equal(("C0PROD", "PREOPS-905 summary"), (channel, title));
        Assert.Equal(Assert.Single(slack.Parents("C0PROD")).Ts, thread); // the PDF goes into the live message's thread
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(slack.Uploads[fileId], 0, 5), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.Root, "data", "bot", "PREOPS-905", "pandaStat-PREOPS-905.csv")));
        var card = Assert.Single(teams.Requests);
        Assert.Contains("application/vnd.microsoft.card.adaptive", card.Body, StringComparison.Ordinal);
    }
}
