using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Store;
using ProdStatus.Testing;

namespace ProdStatus.Benchmarks;

/// <summary>
/// <c>inbox [--history N] [--pending N]</c>: the cost of each inbox statement the bot's intake and worker run, on a
/// SQLite store holding <c>N</c> finished jobs (1,000,000 by default, as after weeks of use) and a backlog of pending
/// slash commands about three issues (15,000 by default, what the <c>bot</c> benchmark leaves queued). Prints p50/p99 per operation: a slash command
/// enqueued, a Jira delivery (new, then the same again), a claim, a completion.
/// </summary>
internal static class InboxBenchmark
{
    private const int Operations = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int history = BenchmarkArgs.Get(args, "--history", 1_000_000);
        int pending = BenchmarkArgs.Get(args, "--pending", 15_000);
        using var host = new EngineTestHost();
        var inbox = host.Get<InboxRepository>();
        await inbox.PingAsync(); // creates the schema
        var fill = Stopwatch.StartNew();
        Fill(Path.Combine(host.Root, "store-inbox.db"), history, pending);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inbox: {history:N0} finished and {pending:N0} pending rows written in {fill.Elapsed.TotalSeconds:0.0} s"));

        await MeasureAsync("slash command enqueued", i => inbox.EnqueueAsync(InboxKinds.SlackCommand, $"bench-slack:{i}", $"PREOPS-{i % 50}", "{}", TimeSpan.Zero));
        await MeasureAsync("Jira delivery enqueued (debounced)", i => inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition,
            [$"bench-jira:{i}", $"bench-body:{i}"], $"PREOPS-{i % 5}", "{}", TimeSpan.FromSeconds(5)));
        await MeasureAsync("Jira delivery again (duplicate)", i => inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition,
            [$"bench-jira:{i}", $"bench-body:{i}"], $"PREOPS-{i % 5}", "{}", TimeSpan.FromSeconds(5)));
        var claimed = new List<InboxJob>();
        await MeasureAsync("claim", async _ =>
        {
            claimed.Add((await inbox.ClaimAsync("bench", TimeSpan.FromMinutes(5)))!);
            return true;
        });
        await MeasureAsync("complete", async i => await inbox.CompleteAsync(claimed[i], "bench"));
        return 0;
    }

    private static async Task MeasureAsync(string what, Func<int, Task<bool>> operation)
    {
        var ms = new double[Operations];
        for (int i = 0; i < Operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await operation(i);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(ms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbox {what}: p50 {ms[Operations / 2]:0.000} ms, p99 {ms[(int)(Operations * 0.99) - 1]:0.000} ms, max {ms[^1]:0.000} ms"));
    }

    /// <summary>Bulk rows in one transaction: finished jobs spread over the last 30 days, and a due backlog.</summary>
    internal static void Fill(string path, int history, int pending)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO bot_inbox (id, kind, dedup_key, subject, payload, state, attempts, not_before, created_utc, updated_utc)
            VALUES ($id, $kind, $dedup, $subject, '{}', $state, 1, $at, $at, $at)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var dedup = insert.Parameters.Add("$dedup", SqliteType.Text);
        var subject = insert.Parameters.Add("$subject", SqliteType.Text);
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var now = TimeProvider.System.GetUtcNow();
        for (int i = 0; i < history + pending; i++)
        {
            bool done = i < history;
            id.Value = (long)i;
            // The backlog is people's commands about the few issues that the webhooks also name, as in the bot benchmark.
            kind.Value = done && i % 3 == 0 ? InboxKinds.JiraTransition : InboxKinds.SlackCommand;
            dedup.Value = $"fill:{i}";
            subject.Value = $"PREOPS-{(done ? i % 50 : i % 3)}";
            state.Value = done ? (i % 3 == 0 ? "Superseded" : "Done") : "Pending";
            at.Value = DbExtensions.ToText(done ? now.AddSeconds(-2_592_000.0 * (history - i) / history) : now.AddSeconds(-1));
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }

}
