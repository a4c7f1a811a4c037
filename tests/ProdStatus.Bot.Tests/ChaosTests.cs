using System.Globalization;
using System.Net;
using ProdStatus.Engine.Inbox;
using ProdStatus.Samples;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Reports;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>
/// 200 mixed slash commands (120) and transitions (10 bursts of 8) with about 20 % of the calls to Slack, Teams and Jira failing (503, 429,
/// hangs, connections closed mid-answer, Jira writes whose answer is lost). Afterwards: one answer per requester, one
/// refresh per burst, no duplicate Jira comment or attachment, and the host is up.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Rounds = 5;
    private const int CommandsPerRound = 24;
    private const int TransitionsPerBurst = 8;
    private static readonly string[] Issues = ["PREOPS-905", "PREOPS-910"];

    [Fact]
    public async Task TwoHundredRequestsUnderFaults_KeepEveryPromise()
    {
        await using var panda = new FakePandaMonitor(SampleCampaign.Create());
        await panda.StartAsync(Ct);
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        await using var teams = new FakeTeamsWebhook();
        await teams.StartAsync(Ct);
        await using var jira = new FakeJiraServer(FakeJiraAuth.Cloud());
        await jira.StartAsync(Ct);
        foreach (string issue in Issues)
        {
            jira.State.Seed(issue, "campaign");
        }
        jira.State.Seed("DRP-148", "step1#v23_0_0_rc5/PREOPS-905/20220121T031850Z",
            "BPS Submit Keywords:\n{code}\nproject: dp02\n{code}\nButler Statistics\n\nPanDA PREOPS: PREOPS-905 link:old\n");
        foreach (var plan in new[] { slack.Faults, teams.Faults })
        {
            plan.RandomRate = 0.2;
            plan.HangLimit = TimeSpan.FromSeconds(15); // longer than the job deadline: the bot gives up first
        }
        jira.Faults.RefusalRate = 0.2;
        jira.Faults.RetryAfterSeconds = 0;
        await using var app = new BotApplication(new()
        {
            ["ProdStatus:Panda:BaseUrl"] = panda.BaseUri.ToString(),
            ["ProdStatus:Worker:LookbackDays"] = "3650",
            ["ProdStatus:Worker:JobTimeoutSeconds"] = "10",
            ["ProdStatus:Worker:MaxAttempts"] = "6",
            ["ProdStatus:Jira:DebounceSeconds"] = "1",
            ["ProdStatus:Jira:BaseUrl"] = jira.BaseUri.ToString(),
            ["ProdStatus:Jira:Email"] = "bot@example.org",
            ["ProdStatus:Jira:ApiToken"] = "cloud-token",
            ["ProdStatus:Jira:RetryDelayMilliseconds"] = "1",
            ["ProdStatus:Teams:WebhookUrl"] = teams.WebhookUrl,
            ["ProdStatus:Teams:TimeoutSeconds"] = "2",
            ["ProdStatus:Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["ProdStatus:Slack:BotToken"] = slack.BotToken,
            ["ProdStatus:Slack:LiveMessages"] = "false", // this test counts channel posts
            ["ProdStatus:Slack:Channel"] = "C0PROD",
        }, worker: true);
        using var client = app.CreateClient();

        var commands = new List<string>();
        var bursts = new List<(int Round, string Issue)>();
        for (int round = 0; round < Rounds; round++)
        {
            for (int c = 0; c < CommandsPerRound; c++)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"T1/{round}/{c}");
                string text = (c % 3) switch { 0 => "stats PREOPS-905", 1 => "status DRP-148", _ => "summary" };
                var response = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody(text, slack.ResponseUrl(id)), TimeProvider.System.GetUtcNow()), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                commands.Add("/commands/" + id);
            }
            foreach (string issue in Issues)
            {
                for (int t = 0; t < TransitionsPerBurst; t++)
                {
                    var response = await client.SendAsync(Signing.JiraWebhook(
                        Signing.Transition(issue, $"R{round}-{t}"), $"{issue}-{round}-{t}"), Ct);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }
                bursts.Add((round, issue));
            }
            // The next burst of an issue comes after this one's refresh ended, so each burst is one refresh.
            await BotWait.UntilAsync(app, jobs => jobs.Where(j => j.Kind == InboxKinds.JiraTransition).All(BotWait.Ended), TimeSpan.FromSeconds(90), Ct);
        }
        var all = await BotWait.UntilAsync(app, jobs => jobs.All(BotWait.Ended), TimeSpan.FromSeconds(120), Ct);

        var answers = slack.Posts.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Count());
        var refreshes = all.Where(j => j.Kind == InboxKinds.JiraTransition).ToList();
        int comments, attachments;
        lock (jira.State.Gate)
        {
            comments = Issues.Sum(i => jira.State.Issues[i].Comments.Count);
            attachments = Issues.Sum(i => jira.State.Issues[i].Attachments.Count);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: {commands.Count} commands + {refreshes.Count} transitions; faults injected: Slack {slack.Faults.Injected.Count} of {slack.RequestCount} calls, Teams {teams.Faults.Injected.Count} of {teams.RequestCount}, Jira refused {jira.Faults.Refused} of {jira.RequestCount}; " +
            $"answers {answers.Values.Sum()} to {answers.Count} requesters; refreshes done {refreshes.Count(j => j.State == InboxState.Done)}, superseded {refreshes.Count(j => j.State == InboxState.Superseded)}, failed {refreshes.Count(j => j.State == InboxState.Failed)} for {bursts.Count} bursts; " +
            $"channel posts {slack.ChannelMessages.Count}, Teams cards {teams.Accepted.Count}; Jira comments {comments}, attachments {attachments}; not sent again: {all.Count(j => j.LastError?.Contains("not sent again", StringComparison.Ordinal) == true)}"));
        output.WriteLine($"faults: Slack {slack.Faults}; Teams {teams.Faults}");

        Assert.Equal(commands.Order(StringComparer.Ordinal), answers.Keys.Order(StringComparer.Ordinal));
        Assert.All(answers, a => Assert.Equal(1, a.Value));
        Assert.Equal(bursts.Count, refreshes.Count(j => j.State is InboxState.Done or InboxState.Failed));
        foreach (var (round, issue) in bursts)
        {
            Assert.Single(refreshes, j => j.Subject == issue && j.State != InboxState.Superseded &&
                j.Payload.Contains($"\"R{round}-", StringComparison.Ordinal));
        }
        Assert.True(slack.ChannelMessages.Count <= bursts.Count);
        Assert.True(teams.Accepted.Count <= bursts.Count);
        Assert.Equal((Issues.Length, Issues.Length), (comments, attachments));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).StatusCode);
    }
}
