using System.Data.Common;
using System.Globalization;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// What the bot watches: one target per issue (thresholds, next poll, the poll lease) and the channels subscribed
/// to it. The lease is taken with one conditional UPDATE, so across replicas each due poll runs once.
/// </summary>
public sealed class WatchTargetRepository(StoreDatabase database)
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS watch_target (
            issue TEXT NOT NULL PRIMARY KEY, interval_s BIGINT NOT NULL, fail_pct DOUBLE PRECISION NOT NULL, stall_s BIGINT NOT NULL,
            min_jobs BIGINT NOT NULL, include_preemption BIGINT NOT NULL, next_poll_utc TEXT NOT NULL,
            lease_owner TEXT NULL, lease_until TEXT NULL);
        CREATE TABLE IF NOT EXISTS watch_subscription (
            issue TEXT NOT NULL, channel TEXT NOT NULL, created_by TEXT NOT NULL, created_utc TEXT NOT NULL,
            PRIMARY KEY (issue, channel));
        CREATE TABLE IF NOT EXISTS watch_digest_sent (issue TEXT NOT NULL, due_utc TEXT NOT NULL, PRIMARY KEY (issue, due_utc));
        """;

    /// <summary>Subscribes a channel; the issue's thresholds become <paramref name="thresholds"/> and it is polled at once.</summary>
    public async Task WatchAsync(string issue, string channel, string user, WatchThresholds thresholds, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecAsync(connection.Command("""
            INSERT INTO watch_target (issue, interval_s, fail_pct, stall_s, min_jobs, include_preemption, next_poll_utc, lease_owner, lease_until)
            VALUES (@issue, @interval, @fail, @stall, @min, @pre, @now, NULL, NULL)
            ON CONFLICT (issue) DO UPDATE SET interval_s = excluded.interval_s, fail_pct = excluded.fail_pct, stall_s = excluded.stall_s,
                min_jobs = excluded.min_jobs, include_preemption = excluded.include_preemption, next_poll_utc = excluded.next_poll_utc
            """, transaction).With("@issue", issue).With("@interval", (long)thresholds.Interval.TotalSeconds).With("@fail", thresholds.FailurePercent)
            .With("@stall", (long)thresholds.Stall.TotalSeconds).With("@min", (long)thresholds.MinJobs).With("@pre", thresholds.IncludePreemption)
            .With("@now", now), cancellationToken);
        await ExecAsync(connection.Command("""
            INSERT INTO watch_subscription (issue, channel, created_by, created_utc) VALUES (@issue, @channel, @user, @now)
            ON CONFLICT (issue, channel) DO NOTHING
            """, transaction).With("@issue", issue).With("@channel", channel).With("@user", user).With("@now", now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a channel's subscription (and the target when no channel is left); false when there was none.</summary>
    public async Task<bool> UnwatchAsync(string issue, string channel, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int removed;
        await using (var delete = connection.Command("DELETE FROM watch_subscription WHERE issue = @issue AND channel = @channel", transaction)
            .With("@issue", issue).With("@channel", channel))
        {
            removed = await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await ExecAsync(connection.Command(
            "DELETE FROM watch_target WHERE issue = @issue AND NOT EXISTS (SELECT 1 FROM watch_subscription s WHERE s.issue = @issue)", transaction)
            .With("@issue", issue), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>The watches of one channel, or of every channel when <paramref name="channel"/> is null.</summary>
    public async Task<IReadOnlyList<WatchTarget>> ListAsync(string? channel, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT t.issue, t.interval_s, t.fail_pct, t.stall_s, t.min_jobs, t.include_preemption, t.next_poll_utc, s.channel " +
            "FROM watch_target t JOIN watch_subscription s ON s.issue = t.issue " +
            (channel is null ? "" : "WHERE s.channel = @channel ") + "ORDER BY t.issue, s.channel");
        if (channel is not null)
        {
            command.With("@channel", channel);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string Issue, WatchThresholds T, DateTimeOffset Next, string Channel)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var t = new WatchThresholds(TimeSpan.FromSeconds(reader.GetInt64Value(1)), reader.GetDoubleValue(2), TimeSpan.FromSeconds(reader.GetInt64Value(3)),
                (int)reader.GetInt64Value(4), reader.GetInt64Value(5) != 0);
            rows.Add((reader.GetString(0), t, reader.GetUtc(6)!.Value, reader.GetString(7)));
        }
        return rows.GroupBy(r => r.Issue, StringComparer.Ordinal)
            .Select(g => new WatchTarget(g.Key, g.First().T, g.First().Next, g.Select(r => r.Channel).ToList()))
            .ToList();
    }

    /// <summary>
    /// Takes the poll lease of a due watch: true for exactly one caller across replicas until the lease expires or
    /// <see cref="CompleteAsync"/> moves the next poll on.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string issue, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE watch_target SET lease_owner = @owner, lease_until = @until
            WHERE issue = @issue AND next_poll_utc <= @now AND (lease_until IS NULL OR lease_until < @now)
            """).With("@owner", owner).With("@until", now + duration).With("@issue", issue).With("@now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Releases the lease and sets the next poll (only the lease owner can).</summary>
    public async Task CompleteAsync(string issue, string owner, DateTimeOffset nextPoll, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecAsync(connection.Command(
            "UPDATE watch_target SET next_poll_utc = @next, lease_owner = NULL, lease_until = NULL WHERE issue = @issue AND lease_owner = @owner")
            .With("@next", nextPoll).With("@issue", issue).With("@owner", owner), cancellationToken);
    }

    /// <summary>Claims the digest of <paramref name="issue"/> due at <paramref name="dueUtc"/>: true for exactly one replica.</summary>
    public async Task<bool> ClaimDigestAsync(string issue, DateTimeOffset dueUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO watch_digest_sent (issue, due_utc) VALUES (@issue, @due) ON CONFLICT (issue, due_utc) DO NOTHING")
            .With("@issue", issue).With("@due", dueUtc);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>When the previous digest of <paramref name="issue"/> was due (null before the first).</summary>
    public async Task<DateTimeOffset?> LastDigestAsync(string issue, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT MAX(due_utc) FROM watch_digest_sent WHERE issue = @issue AND due_utc < @before")
            .With("@issue", issue).With("@before", before);
        return await command.ExecuteScalarAsync(cancellationToken) is string text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
    }

    private static async Task ExecAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "watch-targets", Ddl, cancellationToken);
        return connection;
    }
}

/// <summary>A watched issue, its thresholds, when it is polled next and the channels that get its alerts.</summary>
public sealed record WatchTarget(string Issue, WatchThresholds Thresholds, DateTimeOffset NextPollUtc, IReadOnlyList<string> Channels);
