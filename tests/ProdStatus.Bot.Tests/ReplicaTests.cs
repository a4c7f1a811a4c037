using System.Diagnostics;
using System.Net;
using Npgsql;
using ProdStatus.Samples;
using ProdStatus.Testing.Bot;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Postgres;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>
/// reliability.md point 9: two bot processes share one PostgreSQL 15 inbox; one is killed (SIGKILL) while jobs run.
/// Every accepted command is answered once and every Jira effect exists once.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PostgresCluster _postgres = new();

    public ValueTask InitializeAsync() => new(_postgres.StartAsync(Ct));

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task TwoReplicas_OneKilledMidRun_EveryCommandAnsweredOnce_EveryJiraEffectOnce()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create()) { Latency = TimeSpan.FromMilliseconds(150) };
        await monitor.StartAsync(Ct);
        await using var slack = new FakeSlack();
        await slack.StartAsync(Ct);
        await using var jira = new FakeJiraServer(FakeJiraAuth.Cloud());
        await jira.StartAsync(Ct);
        string[] issues = ["PREOPS-905", "PREOPS-910"];
        foreach (string issue in issues)
        {
            jira.State.Seed(issue, "campaign");
        }
        string store = await _postgres.CreateDatabaseAsync(Ct);
        string root = Directory.CreateTempSubdirectory("prodstat-replicas-").FullName;
        var env = new Dictionary<string, string>
        {
            ["ProdStatus__Slack__SigningSecret"] = BotApplication.SlackSecret,
            ["ProdStatus__Jira__WebhookSecret"] = BotApplication.JiraSecret,
            ["ProdStatus__Slack__ResponseUrlHosts__0"] = "127.0.0.1",
            ["ProdStatus__Store__Provider"] = "Postgres",
            ["ProdStatus__Store__ConnectionString"] = store,
            ["ProdStatus__Panda__BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus__Jira__BaseUrl"] = jira.BaseUri.ToString(),
            ["ProdStatus__Jira__Email"] = "bot@example.org",
            ["ProdStatus__Jira__ApiToken"] = "cloud-token",
            ["ProdStatus__Jira__DebounceSeconds"] = "0",
            ["ProdStatus__Worker__LeaseSeconds"] = "5",
            ["ProdStatus__Worker__PollIntervalMilliseconds"] = "100",
            ["ProdStatus__Worker__RetryDelaySeconds"] = "0",
            ["ProdStatus__Worker__LookbackDays"] = "3650",
        };
        var replicas = new List<(Process Process, HttpClient Http)>();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            for (int r = 0; r < 2; r++)
            {
                int port = BotProcess.FreePort();
                var process = BotProcess.Start(Path.Combine(AppContext.BaseDirectory, "ProdStatus.Bot.dll"), port,
                    new Dictionary<string, string>(env) { ["ProdStatus__Output__DataDir"] = Path.Combine(root, $"data{r}") }, output: console);
                var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                replicas.Add((process, http));
                await BotProcess.WaitReadyAsync(http, Ct);
            }

            const int commands = 24;
            for (int i = 0; i < commands; i++)
            {
                var (_, http) = replicas[i % 2];
                using var request = Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905", slack.ResponseUrl($"T1/{i}/r")), TimeProvider.System.GetUtcNow());
                request.RequestUri = new Uri("slack/commands", UriKind.Relative);
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, Ct)).StatusCode);
                if (i % 8 == 0)
                {
                    using var hook = Signing.JiraWebhook(Signing.Transition(issues[i / 8 % 2], $"S{i}"), $"d{i}");
                    hook.RequestUri = new Uri("jira/webhook", UriKind.Relative);
                    Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(hook, Ct)).StatusCode);
                }
            }
            // Kill replica 0 while it holds leases.
            int victim = replicas[0].Process.Id;
            await WaitAsync(async () => await ScalarAsync(store,
                $"SELECT COUNT(*) FROM bot_inbox WHERE state = 'InProgress' AND lease_owner LIKE '%:{victim}:%'") > 0, TimeSpan.FromSeconds(30));
            replicas[0].Process.Kill(entireProcessTree: true);
            await replicas[0].Process.WaitForExitAsync(Ct);

            await WaitAsync(async () => await ScalarAsync(store, "SELECT COUNT(*) FROM bot_inbox WHERE state NOT IN ('Done', 'Failed', 'Superseded')") == 0,
                TimeSpan.FromSeconds(90));
            Assert.Equal(0, await ScalarAsync(store, "SELECT COUNT(*) FROM bot_inbox WHERE state = 'Failed'"));
            var answers = slack.Posts.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(commands, answers.Count);
            Assert.All(answers, a => Assert.Equal(1, a.Value));
            lock (jira.State.Gate)
            {
                Assert.All(issues, issue =>
                {
                    Assert.Single(jira.State.Issues[issue].Comments);
                    Assert.Single(jira.State.Issues[issue].Attachments);
                });
            }
            Assert.True(await ScalarAsync(store, "SELECT COUNT(*) FROM bot_inbox WHERE attempts > 1") > 0, "no job was taken over from the killed replica");
        }
        catch
        {
            foreach (string line in console.TakeLast(60))
            {
                log.WriteLine(line);
            }
            throw;
        }
        finally
        {
            foreach (var (process, http) in replicas)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
                process.Dispose();
                http.Dispose();
            }
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("the replicas did not get there in time");
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
            return -1; // the table does not exist yet
        }
    }
}
