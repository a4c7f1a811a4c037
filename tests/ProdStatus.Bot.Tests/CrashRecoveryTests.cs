using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using ProdStatus.Samples;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Bot;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>kill -9 of the bot during a job: the accepted request is not lost and runs to the end after a restart.</summary>
public sealed class CrashRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledDuringAJob_TheRestartedHostFinishesIt_AndAnswersOnce()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create()) { Latency = TimeSpan.FromMilliseconds(700) };
        await monitor.StartAsync(Ct);
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        string root = Directory.CreateTempSubdirectory("prodstat-crash-").FullName;
        string db = Path.Combine(root, "bot.db");
        string inboxDb = Path.Combine(root, "bot-inbox.db");

        int port = BotProcess.FreePort();
        using (var first = StartBot(port, root, db, monitor.BaseUri))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await BotProcess.WaitReadyAsync(http, Ct);
            using var request = Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", slack.ResponseUrl()), TimeProvider.System.GetUtcNow());
            request.RequestUri = new Uri("slack/commands", UriKind.Relative);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, Ct)).StatusCode);
            await WaitForStateAsync(inboxDb, "InProgress", TimeSpan.FromSeconds(20));
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, the lease stays behind
            await first.WaitForExitAsync(Ct);
        }
        Assert.Empty(slack.Posts);

        port = BotProcess.FreePort();
        using var second = StartBot(port, root, db, monitor.BaseUri);
        try
        {
            await WaitForStateAsync(inboxDb, "Done", TimeSpan.FromSeconds(60));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }
        Assert.Equal(2, await ScalarAsync(inboxDb, "SELECT attempts FROM bot_inbox"));
        var (_, message) = Assert.Single(slack.Posts);
        Assert.StartsWith("Campaign summary PREOPS-905:", (string?)message["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledBetweenJiraWrites_TheRerunLeavesOneCommentAndOneAttachment()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        await using var jira = new FakeJiraServer(FakeJiraAuth.Cloud());
        await jira.StartAsync(Ct);
        jira.State.Seed("PREOPS-905", "DP0.2");
        // Every Jira answer takes 2 s: the kill below lands after the comment and before the attachment.
        jira.Faults.SlowDelay = TimeSpan.FromSeconds(2);
        jira.Faults.SlowRequests = 1000;
        string root = Directory.CreateTempSubdirectory("prodstat-crash-jira-").FullName;
        string db = Path.Combine(root, "bot.db");
        string inboxDb = Path.Combine(root, "bot-inbox.db");
        var jiraSettings = new Dictionary<string, string>
        {
            ["ProdStatus__Jira__BaseUrl"] = jira.BaseUri.ToString(),
            ["ProdStatus__Jira__Email"] = "bot@example.org",
            ["ProdStatus__Jira__ApiToken"] = "cloud-token",
            ["ProdStatus__Jira__DebounceSeconds"] = "0",
        };

        int port = BotProcess.FreePort();
        using (var first = StartBot(port, root, db, monitor.BaseUri, jiraSettings))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await BotProcess.WaitReadyAsync(http, Ct);
            using var request = Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "delivery-1");
            request.RequestUri = new Uri("jira/webhook", UriKind.Relative);
            Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(request, Ct)).StatusCode);
            var watch = Stopwatch.StartNew();
            while (CommentCount(jira) == 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, Ct);
            }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Ct);
        }
        Assert.Equal(1, CommentCount(jira));
        Assert.Empty(jira.State.Issues["PREOPS-905"].Attachments);

        jira.Faults.SlowRequests = 0;
        port = BotProcess.FreePort();
        using var second = StartBot(port, root, db, monitor.BaseUri, jiraSettings);
        try
        {
            await WaitForStateAsync(inboxDb, "Done", TimeSpan.FromSeconds(60));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }
        Assert.Equal(2, await ScalarAsync(inboxDb, "SELECT attempts FROM bot_inbox"));
        Assert.Equal(1, CommentCount(jira));
        Assert.Equal("summary-PREOPS-905.pdf", Assert.Single(jira.State.Issues["PREOPS-905"].Attachments).FileName);
    }

    private static int CommentCount(FakeJiraServer jira)
    {
        lock (jira.State.Gate)
        {
            return jira.State.Issues["PREOPS-905"].Comments.Count;
        }
    }

    private static Process StartBot(int port, string root, string db, Uri monitor, IReadOnlyDictionary<string, string>? extra = null) =>
        BotProcess.Start(Path.Combine(AppContext.BaseDirectory, "ProdStatus.Bot.dll"), port, new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["ProdStatus__Slack__SigningSecret"] = BotApplication.SlackSecret,
            ["ProdStatus__Jira__WebhookSecret"] = BotApplication.JiraSecret,
            ["ProdStatus__Store__ConnectionString"] = $"Data Source={db}",
            ["ProdStatus__Output__DataDir"] = Path.Combine(root, "data"),
            ["ProdStatus__Panda__BaseUrl"] = monitor.ToString(),
            ["ProdStatus__Panda__MaxConcurrency"] = "1",
            ["ProdStatus__Worker__LeaseSeconds"] = "5",
            ["ProdStatus__Worker__PollIntervalMilliseconds"] = "100",
            ["ProdStatus__Worker__LookbackDays"] = "3650",
            ["ProdStatus__Slack__ResponseUrlHosts__0"] = "127.0.0.1",
        });

    private static async Task WaitForStateAsync(string db, string state, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (File.Exists(db) && await ScalarAsync(db, $"SELECT COUNT(*) FROM bot_inbox WHERE state = '{state}'") == 1)
            {
                return;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"no job reached {state}");
    }

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1; // the table does not exist yet
        }
    }
}
