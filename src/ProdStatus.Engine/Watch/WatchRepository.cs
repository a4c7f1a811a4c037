using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// Watch state in the store: the last snapshot per issue, the finished-jobs history (for the digest chart) and each
/// alert's state by dedup key (on, posted, snoozed, acknowledged). One poll's changes commit in one transaction.
/// </summary>
public sealed class WatchRepository(StoreDatabase database)
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS watch_snapshot (issue TEXT NOT NULL PRIMARY KEY, taken_utc TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS watch_progress (
            issue TEXT NOT NULL, taken_utc TEXT NOT NULL, finished_jobs BIGINT NOT NULL, total_quanta BIGINT NOT NULL,
            PRIMARY KEY (issue, taken_utc));
        CREATE TABLE IF NOT EXISTS watch_alert (
            issue TEXT NOT NULL, alert_key TEXT NOT NULL, rule TEXT NOT NULL, task_type TEXT NOT NULL, cause TEXT NOT NULL,
            text TEXT NOT NULL, active BIGINT NOT NULL, posted BIGINT NOT NULL, changed_utc TEXT NOT NULL,
            snoozed_until TEXT NULL, snooze_state BIGINT NOT NULL, acked_by TEXT NULL,
            PRIMARY KEY (issue, alert_key));
        """;

    public async Task<CampaignSnapshot?> GetSnapshotAsync(string issue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT body FROM watch_snapshot WHERE issue = @issue").With("@issue", issue);
        return await command.ExecuteScalarAsync(cancellationToken) is string body
            ? JsonSerializer.Deserialize(body, WatchJsonContext.Default.CampaignSnapshot)
            : null;
    }

    /// <summary>Finished jobs over time, oldest first.</summary>
    public async Task<IReadOnlyList<ProgressPoint>> GetProgressAsync(string issue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT taken_utc, finished_jobs, total_quanta FROM watch_progress WHERE issue = @issue ORDER BY taken_utc").With("@issue", issue);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<ProgressPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new ProgressPoint(reader.GetUtc(0)!.Value, reader.GetInt64Value(1), reader.GetInt64Value(2)));
        }
        return points;
    }

    public async Task<IReadOnlyList<AlertRow>> GetAlertsAsync(string issue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadAlertsAsync(connection, null, issue, cancellationToken);
    }

    /// <summary>Stores the snapshot and its progress point, applies the findings to the alert states, and returns what to post.</summary>
    public async Task<IReadOnlyList<WatchAlert>> ApplyAsync(CampaignSnapshot snapshot, IReadOnlyList<Finding> findings, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string issue = snapshot.Issue;
        await ExecAsync(connection.Command("""
            INSERT INTO watch_snapshot (issue, taken_utc, body) VALUES (@issue, @taken, @body)
            ON CONFLICT (issue) DO UPDATE SET taken_utc = excluded.taken_utc, body = excluded.body
            """, transaction).With("@issue", issue).With("@taken", snapshot.TakenUtc)
            .With("@body", JsonSerializer.Serialize(snapshot, WatchJsonContext.Default.CampaignSnapshot)), cancellationToken);
        await ExecAsync(connection.Command("""
            INSERT INTO watch_progress (issue, taken_utc, finished_jobs, total_quanta) VALUES (@issue, @taken, @finished, @quanta)
            ON CONFLICT (issue, taken_utc) DO NOTHING
            """, transaction).With("@issue", issue).With("@taken", snapshot.TakenUtc).With("@finished", snapshot.FinishedJobs)
            .With("@quanta", snapshot.TotalQuanta), cancellationToken);

        var rows = (await ReadAlertsAsync(connection, transaction, issue, cancellationToken)).ToDictionary(r => r.Key, StringComparer.Ordinal);
        if (findings.Any(f => f.Rule == AlertRule.WorkflowState))
        {
            // "Snooze until the next state change" ends here.
            await ExecAsync(connection.Command("UPDATE watch_alert SET snooze_state = 0 WHERE issue = @issue", transaction).With("@issue", issue), cancellationToken);
            rows = rows.ToDictionary(kv => kv.Key, kv => kv.Value with { SnoozeUntilStateChange = false }, StringComparer.Ordinal);
        }
        var alerts = new List<WatchAlert>();
        var on = findings.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var f in findings)
        {
            rows.TryGetValue(f.Key, out var row);
            bool snoozed = row?.IsSnoozed(now) ?? false;
            bool alreadyPosted = row is { Posted: true } && (row.Active || !f.Rule.IsCondition());
            bool post = !snoozed && !alreadyPosted;
            if (post)
            {
                alerts.Add(new WatchAlert(f.Key, f.Rule, f.Rule.IsCondition() ? AlertKind.Fired : AlertKind.Event, f.TaskType, f.Cause, f.Text));
            }
            await UpsertAsync(connection, transaction, f, active: f.Rule.IsCondition(), posted: post || alreadyPosted, now, cancellationToken);
        }
        foreach (var row in rows.Values.Where(r => r.Active && !on.ContainsKey(r.Key)))
        {
            if (row.Posted && !row.IsSnoozed(now))
            {
                alerts.Add(new WatchAlert(row.Key, row.Rule, AlertKind.Cleared, row.TaskType, row.Cause, ":white_check_mark: Cleared: " + row.Text));
            }
            await ExecAsync(connection.Command(
                "UPDATE watch_alert SET active = 0, posted = 0, changed_utc = @now WHERE issue = @issue AND alert_key = @key", transaction)
                .With("@now", now).With("@issue", issue).With("@key", row.Key), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return alerts;
    }

    /// <summary>Snoozes one alert until a time, or until the campaign's next workflow state change.</summary>
    public async Task<bool> SnoozeAsync(string issue, string key, DateTimeOffset? until, bool untilStateChange, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE watch_alert SET snoozed_until = @until, snooze_state = @state WHERE issue = @issue AND alert_key = @key")
            .With("@until", until).With("@state", untilStateChange).With("@issue", issue).With("@key", key);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Records who acknowledged an alert; false when it is unknown.</summary>
    public async Task<bool> AcknowledgeAsync(string issue, string key, string user, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("UPDATE watch_alert SET acked_by = @user WHERE issue = @issue AND alert_key = @key")
            .With("@user", user).With("@issue", issue).With("@key", key);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, Finding f, bool active, bool posted, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await ExecAsync(connection.Command("""
            INSERT INTO watch_alert (issue, alert_key, rule, task_type, cause, text, active, posted, changed_utc, snoozed_until, snooze_state, acked_by)
            VALUES (@issue, @key, @rule, @type, @cause, @text, @active, @posted, @now, NULL, 0, NULL)
            ON CONFLICT (issue, alert_key) DO UPDATE SET text = excluded.text, active = excluded.active, posted = excluded.posted,
                changed_utc = excluded.changed_utc
            """, transaction).With("@issue", f.Issue).With("@key", f.Key).With("@rule", f.Rule.Key()).With("@type", f.TaskType)
            .With("@cause", f.Cause).With("@text", f.Text).With("@active", active).With("@posted", posted).With("@now", now), cancellationToken);

    private static async Task<IReadOnlyList<AlertRow>> ReadAlertsAsync(DbConnection connection, DbTransaction? transaction, string issue,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT alert_key, rule, task_type, cause, text, active, posted, snoozed_until, snooze_state, acked_by, changed_utc " +
            "FROM watch_alert WHERE issue = @issue ORDER BY alert_key", transaction).With("@issue", issue);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rule = Enum.GetValues<AlertRule>().First(r => r.Key() == reader.GetString(1));
            rows.Add(new AlertRow(reader.GetString(0), rule, reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64Value(5) != 0, reader.GetInt64Value(6) != 0, reader.GetUtc(7), reader.GetInt64Value(8) != 0, reader.GetNullableString(9), reader.GetUtc(10)!.Value));
        }
        return rows;
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
        await database.EnsureSchemaAsync(connection, "watch", Ddl, cancellationToken);
        return connection;
    }
}

/// <summary>One alert's stored state.</summary>
public sealed record AlertRow(string Key, AlertRule Rule, string TaskType, string Cause, string Text, bool Active, bool Posted,
    DateTimeOffset? SnoozedUntil, bool SnoozeUntilStateChange, string? AckedBy, DateTimeOffset ChangedUtc)
{
    public bool IsSnoozed(DateTimeOffset now) => SnoozeUntilStateChange || SnoozedUntil > now;
}

/// <summary>Finished jobs of the campaign at one poll.</summary>
public sealed record ProgressPoint(DateTimeOffset Utc, long FinishedJobs, long TotalQuanta);

[JsonSerializable(typeof(CampaignSnapshot))]
internal sealed partial class WatchJsonContext : JsonSerializerContext;
