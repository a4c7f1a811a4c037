using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Samples;
using ProdStatus.Engine.Inbox;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>The worker's Jira side: statistics comments and the PDF land once however often a refresh runs.</summary>
public sealed class JiraPublishingTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakePandaMonitor _panda = new(SampleCampaign.Create());
    private readonly FakeJiraServer _jira = new(FakeJiraAuth.Cloud());
    private readonly FakeSlack _slack = new();

    public async ValueTask InitializeAsync()
    {
        await _panda.StartAsync(Ct);
        await _jira.StartAsync(Ct);
        await _slack.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _panda.DisposeAsync();
        await _jira.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private BotApplication App() => new(new()
    {
        ["ProdStatus:Panda:BaseUrl"] = _panda.BaseUri.ToString(),
        ["ProdStatus:Worker:LookbackDays"] = "3650",
        ["ProdStatus:Jira:BaseUrl"] = _jira.BaseUri.ToString(),
        ["ProdStatus:Jira:Email"] = "bot@example.org",
        ["ProdStatus:Jira:ApiToken"] = "cloud-token",
        ["ProdStatus:Jira:RetryDelayMilliseconds"] = "1",
    }, worker: true);

    private static async Task WaitForJobsAsync(BotApplication app, int count)
    {
        var inbox = app.Services.GetRequiredService<InboxRepository>();
        for (int i = 0; i < 600; i++)
        {
            var jobs = await inbox.ListAsync(Ct);
            if (jobs.Count == count && jobs.All(j => j.State is InboxState.Done or InboxState.Failed or InboxState.Superseded))
            {
                Assert.All(jobs, j => Assert.NotEqual(InboxState.Failed, j.State));
                return;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("jobs did not finish");
    }

    [Fact]
    public async Task TransitionsOfAProductionIssue_LeaveOneCommentAndOneAttachment()
    {
        _jira.State.Seed("PREOPS-905", "DP0.2 step 1");
        await using var app = App();
        using var client = app.CreateClient();

        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "In Progress"), "delivery-1"), Ct);
        await WaitForJobsAsync(app, 1);
        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "delivery-2"), Ct);
        await WaitForJobsAsync(app, 2);

        var issue = _jira.State.Issues["PREOPS-905"];
        var comment = Assert.Single(issue.Comments);
        Assert.StartsWith(" Panda campaign statistics PREOPS-905\npandaStat\n", comment.Body, StringComparison.Ordinal);
        var pdf = Assert.Single(issue.Attachments);
        Assert.Equal("summary-PREOPS-905.pdf", pdf.FileName);
    }

    [Fact]
    public async Task RefreshCommand_UpdatesTheDrpIssueAndSaysSo()
    {
        _jira.State.Seed("DRP-148", "step1#v23_0_0_rc5/PREOPS-905/20220121T031850Z",
            "BPS Submit Keywords:\n{code}\nproject: dp02\n{code}\nButler Statistics\n\nPanDA PREOPS: PREOPS-905 link:old\n");
        await using var app = App();
        using var client = app.CreateClient();

        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("refresh DRP-148", _slack.ResponseUrl()), TimeProvider.System.GetUtcNow()), Ct);
        await WaitForJobsAsync(app, 1);

        string description = _jira.State.Issues["DRP-148"].Description;
        Assert.Contains(" Panda campaign statistics PREOPS-905\npandaStat\n", description, StringComparison.Ordinal);
        Assert.Contains("Status:SubFinished nTasks:7 nFiles:251", description, StringComparison.Ordinal);
        var (_, message) = Assert.Single(_slack.Posts);
        Assert.StartsWith("*DRP-148* refreshed: Status:SubFinished", (string?)message["text"], StringComparison.Ordinal);
    }
}
