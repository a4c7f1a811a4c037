using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Watch;
using ProdStatus.Samples;
using ProdStatus.Testing;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Testing.Bot;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Slack;

namespace ProdStatus.Benchmarks;

/// <summary>
/// Intake latency of the bot host (a separate process on 127.0.0.1) under open-loop load while its worker runs jobs:
/// signed slash commands at 500/s, Jira deliveries at 1,000/s where every delivery arrives twice, then button presses
/// (<c>/slack/interactions</c>) and Events API deliveries (<c>/slack/events</c>) at 500/s each. Every body is distinct
/// (Slack and Jira never send two identical ones; the bot deduplicates on the body). The bot's Slack Web API is a
/// loopback fake, so live messages are really posted and updated meanwhile.
/// </summary>
internal static class BotLoadBenchmark
{
    private const string SlackSecret = "bench-slack-secret";
    private const string JiraSecret = "bench-jira-secret";
    private static readonly long BodyEpochMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    public static async Task<int> RunAsync(string[] args)
    {
        string botDll = args.Length > 0 ? args[0] : throw new ArgumentException("usage: bot <path to ProdStatus.Bot.dll> [seconds]");
        int seconds = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        int history = BenchmarkArgs.Get(args, "--history", 0);
        int watches = BenchmarkArgs.Get(args, "--watches", 0);
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create()) { Latency = TimeSpan.FromMilliseconds(100) };
        await monitor.StartAsync();
        await using var slackApi = new FakeSlack();
        await slackApi.StartAsync();
        slackApi.Channels.Add("C0");
        string root = Directory.CreateTempSubdirectory("prodstat-load-").FullName;
        await FillStoreAsync(root, history, watches);
        int port = BotProcess.FreePort();
        using var bot = StartBot(botDll, port, root, monitor.BaseUri, slackApi);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await BotProcess.WaitReadyAsync(http);

        // Warm-up, then the measured runs.
        await LoadAsync(http, 200, 2, i => SlackRequest(i, -1));
        var slack = await LoadAsync(http, 500, seconds, i => SlackRequest(i, 0));
        Report("slash commands", 500, slack);
        var jira = await LoadAsync(http, 1000, seconds, i => JiraRequest(i / 2));
        Report("Jira deliveries (each twice)", 1000, jira);
        var presses = await LoadAsync(http, 500, seconds, InteractionRequest);
        Report("button presses (/slack/interactions)", 500, presses);
        var events = await LoadAsync(http, 500, seconds, EventRequest);
        Report("events (/slack/events)", 500, events);
        bot.Kill(entireProcessTree: true);
        return 0;
    }

    /// <summary>
    /// A store as after weeks of use (<c>--history N</c> finished inbox rows) with <c>--watches N</c> watched campaigns,
    /// which the bot's watch scheduler polls while the load runs.
    /// </summary>
    private static async Task FillStoreAsync(string root, int history, int watches)
    {
        if (history == 0 && watches == 0)
        {
            return;
        }
        using (var host = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(root, "prodstat.db")}" }))
        {
            await host.Get<InboxRepository>().PingAsync();
            InboxBenchmark.Fill(Path.Combine(root, "prodstat-inbox.db"), history, 0);
            var targets = host.Get<WatchTargetRepository>();
            var thresholds = new WatchThresholds(TimeSpan.FromMinutes(1), 10, TimeSpan.FromHours(2), 20, false);
            for (int i = 0; i < watches; i++)
            {
                await targets.WatchAsync($"PREOPS-{(i < 3 ? 905 + i : 2000 + i)}", "C0", "U0", thresholds, TimeProvider.System.GetUtcNow());
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bot store: {history:N0} finished inbox rows, {watches} watched campaigns"));
    }

    private static HttpRequestMessage SlackRequest(int i, int run) => SlackSigned("slack/commands", "application/x-www-form-urlencoded",
        $"team_id=T0&channel_id=C0&user_id=U0&command=%2Fprodstat&text=stats%20PREOPS-{905 + (i % 3)}" +
        $"&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fcommands%2F{run}%2F{i}");

    /// <summary>A Refresh press of one of three campaigns' live messages; each press has its own trigger_id.</summary>
    private static HttpRequestMessage InteractionRequest(int i)
    {
        string payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0\"},\"user\":{\"id\":\"U0\"},\"channel\":{\"id\":\"C0\"}," +
            $"\"trigger_id\":\"bench.{i}\",\"response_url\":\"http://127.0.0.1:9/actions/{i}\",\"container\":{{\"message_ts\":\"1.{i}\"}}," +
            $"\"actions\":[{{\"action_id\":\"prodstat_refresh\",\"value\":\"PREOPS-{905 + (i % 3)}\",\"action_ts\":\"{i}.5\"}}]}}";
        return SlackSigned("slack/interactions", "application/x-www-form-urlencoded", "payload=" + Uri.EscapeDataString(payload));
    }

    /// <summary>Alternately a shared link to a tracked issue and a Home tab opening, each with its own event_id.</summary>
    private static HttpRequestMessage EventRequest(int i)
    {
        string inner = i % 2 == 0
            ? $"{{\"type\":\"link_shared\",\"channel\":\"C0\",\"user\":\"U0\",\"message_ts\":\"2.{i}\",\"links\":[{{\"domain\":\"rubinobs.atlassian.net\",\"url\":\"https://rubinobs.atlassian.net/browse/PREOPS-{905 + (i % 3)}\"}}]}}"
            : "{\"type\":\"app_home_opened\",\"user\":\"U0\",\"tab\":\"home\"}";
        return SlackSigned("slack/events", "application/json",
            $"{{\"type\":\"event_callback\",\"event_id\":\"EvBench{i}\",\"team_id\":\"T0\",\"event\":{inner}}}");
    }

    private static HttpRequestMessage SlackSigned(string path, string contentType, string body)
    {
        string ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(SlackSecret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static HttpRequestMessage JiraRequest(int delivery)
    {
        // Distinct bodies, as Jira sends them (its timestamp and changelog id differ); the two copies of a delivery are identical.
        string body = "{\"timestamp\":" + (BodyEpochMs + delivery).ToString(CultureInfo.InvariantCulture) +
                      ",\"changelogId\":" + delivery.ToString(CultureInfo.InvariantCulture) +
                      ",\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"PREOPS-" + (905 + (delivery % 5)) +
                      "\",\"fields\":{\"issuetype\":{\"name\":\"Task\"}}},\"changelog\":{\"items\":[{\"field\":\"status\",\"fieldId\":\"status\",\"fromString\":\"To Do\",\"toString\":\"In Progress\"}]}}";
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "jira/webhook") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature", "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(JiraSecret), bytes)));
        request.Headers.Add("X-Atlassian-Webhook-Identifier", $"bench-{delivery}");
        return request;
    }

    /// <summary>Open loop: request i is sent at i/rate seconds whether or not earlier ones have answered.</summary>
    private static async Task<List<(double Ms, HttpStatusCode Status)>> LoadAsync(HttpClient http, int rate, int seconds, Func<int, HttpRequestMessage> make)
    {
        var results = new ConcurrentBag<(double, HttpStatusCode)>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        int total = rate * seconds;
        for (int i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var request = make(i);
            inFlight.Add(Task.Run(async () =>
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                results.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, response.StatusCode));
                request.Dispose();
            }));
        }
        await Task.WhenAll(inFlight);
        return [.. results];
    }

    private static void Report(string what, int rate, List<(double Ms, HttpStatusCode Status)> results)
    {
        var ms = results.Select(r => r.Ms).Order().ToArray();
        double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        var statuses = string.Join(", ", results.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bot {what} at {rate}/s: {ms.Length} requests ({statuses}); p50 {P(0.5):0.0} ms, p99 {P(0.99):0.0} ms, max {ms[^1]:0.0} ms, over 3 s: {ms.Count(m => m > 3000)} (goal p99 <= 50 ms)"));
    }

    private static Process StartBot(string dll, int port, string root, Uri monitor, FakeSlack slack) => BotProcess.Start(dll, port, new Dictionary<string, string>
    {
        ["ProdStatus__Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
        ["ProdStatus__Slack__BotToken"] = slack.BotToken,
        ["ProdStatus__Slack__Channel"] = "C0",
        ["ProdStatus__Slack__SigningSecret"] = SlackSecret,
        ["ProdStatus__Jira__WebhookSecret"] = JiraSecret,
        ["ProdStatus__Jira__DebounceSeconds"] = "5",
        ["ProdStatus__Output__DataDir"] = root,
        ["ProdStatus__Panda__BaseUrl"] = monitor.ToString(),
        ["ProdStatus__Worker__LookbackDays"] = "3650",
        ["ProdStatus__Slack__ResponseUrlHosts__0"] = "127.0.0.1",
        ["Logging__LogLevel__Default"] = "Error",
    });
}
