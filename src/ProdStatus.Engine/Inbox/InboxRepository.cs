using System.Data.Common;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Inbox;

/// <summary>
/// The durable queue behind the webhooks (an outbox in eShop's sense): a request is acknowledged only once its row
/// is committed, so a restart or kill -9 loses nothing. Claiming takes a time-limited lease that the claimant renews
/// while it works; an expired lease (a crashed worker) makes the job claimable again. Completing, failing and renewing
/// are fenced by the lease owner, so a replica whose lease was taken over cannot finish the job. On PostgreSQL
/// replicas claim with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class InboxRepository(StoreDatabase store, TimeProvider time)
{
    // Intake commits must not queue behind the worker's statistics writes (SQLite has one writer per file).
    private readonly StoreDatabase database = store.Sibling("inbox");

    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS bot_inbox (
            id BIGINT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, dedup_key TEXT NOT NULL UNIQUE, subject TEXT NOT NULL,
            payload TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, not_before TEXT NOT NULL,
            lease_owner TEXT NULL, lease_until TEXT NULL, created_utc TEXT NOT NULL, updated_utc TEXT NOT NULL,
            last_error TEXT NULL);
        DROP INDEX IF EXISTS bot_inbox_ready;
        CREATE INDEX IF NOT EXISTS bot_inbox_claim ON bot_inbox (state, not_before, id);
        DROP INDEX IF EXISTS bot_inbox_subject;
        CREATE INDEX IF NOT EXISTS bot_inbox_subject_kind ON bot_inbox (subject, kind, state);
        CREATE INDEX IF NOT EXISTS bot_inbox_updated ON bot_inbox (updated_utc);
        CREATE TABLE IF NOT EXISTS bot_inbox_seen (dedup_key TEXT NOT NULL PRIMARY KEY, created_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS bot_inbox_seen_created ON bot_inbox_seen (created_utc);
        CREATE INDEX IF NOT EXISTS bot_inbox_lease ON bot_inbox (state, lease_until);
        """;

    private const string Columns = "id, kind, subject, payload, state, attempts, not_before, created_utc, last_error";

    /// <summary>
    /// The next job to claim: first one whose lease expired (its claimant crashed), else the oldest due pending one. A
    /// pending job of a superseding kind waits while another job of its subject is in progress, so refreshes of one
    /// issue run one after the other. Each pick walks an index in order and stops at the first match
    /// (<c>bot_inbox_lease</c>, <c>bot_inbox_claim</c>), so its cost does not grow with the backlog or the history.
    /// </summary>
    private static string PickReady(string lockClause) => $"""
        COALESCE(
          (SELECT e.id FROM bot_inbox e WHERE e.state = 'InProgress' AND e.lease_until < @now
           ORDER BY e.lease_until LIMIT 1{lockClause}),
          (SELECT c.id FROM bot_inbox c
           WHERE c.state = 'Pending' AND c.not_before <= @now
             AND NOT (c.kind IN ({string.Join(", ", InboxKinds.Superseding.Select(k => $"'{k}'"))}) AND EXISTS (
                 SELECT 1 FROM bot_inbox r WHERE r.subject = c.subject AND r.kind = c.kind AND r.state = 'InProgress'))
           ORDER BY c.not_before, c.id LIMIT 1{lockClause}))
        """;

    private static readonly string SqlitePick = PickReady("");
    private static readonly string PostgresPick = PickReady(" FOR UPDATE SKIP LOCKED");

    /// <summary>
    /// Adds a job that never supersedes and is never superseded (a person's request), unless one with the same
    /// <paramref name="dedupKey"/> was ever accepted. Returns true if added.
    /// </summary>
    public async Task<bool> EnqueueAsync(string kind, string dedupKey, string subject, string payload, TimeSpan delay,
        CancellationToken cancellationToken = default)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Insert(connection, null, now, kind, dedupKey, subject, payload, delay);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Debounce at intake: adds a job that replaces every still-pending job of the same kind and subject (they become
    /// <see cref="InboxState.Superseded"/>) and starts after <paramref name="delay"/>, so a burst ends as one job
    /// that starts <paramref name="delay"/> after its newest event. A job of the subject already running is left alone;
    /// the new one runs after it. Refused (false) when any of <paramref name="dedupKeys"/> was seen before (a delivery
    /// id, a hash of the signed body): a replay changes nothing.
    /// </summary>
    public async Task<bool> EnqueueSupersedingAsync(string kind, IReadOnlyList<string> dedupKeys, string subject, string payload,
        TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dedupKeys.Count);
        using var gate = await database.WriteLockAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: a per-subject advisory lock serializes intakes of one issue.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Provider == StoreProvider.Postgres)
        {
            await using var advisory = connection.Command("SELECT pg_advisory_xact_lock(hashtext(@subject))", transaction).With("@subject", subject);
            await advisory.ExecuteScalarAsync(cancellationToken);
        }
        await using (var seen = connection.Command(
            "INSERT INTO bot_inbox_seen (dedup_key, created_utc) VALUES " +
            string.Join(", ", dedupKeys.Select((_, i) => $"(@key{i}, @now)")) + " ON CONFLICT (dedup_key) DO NOTHING", transaction).With("@now", now))
        {
            for (int i = 0; i < dedupKeys.Count; i++)
            {
                seen.With($"@key{i}", dedupKeys[i]);
            }
            if (await seen.ExecuteNonQueryAsync(cancellationToken) < dedupKeys.Count)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }
        await using (var supersede = connection.Command("""
            UPDATE bot_inbox SET state = 'Superseded', updated_utc = @now
            WHERE subject = @subject AND kind = @kind AND state = 'Pending'
            """, transaction).With("@subject", subject).With("@kind", kind).With("@now", now))
        {
            await supersede.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var insert = Insert(connection, transaction, now, kind, dedupKeys[0], subject, payload, delay);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Leases the oldest ready job (or one whose lease expired) to <paramref name="owner"/>, or returns null.</summary>
    public async Task<InboxJob?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        var now = time.GetUtcNow();
        string pick = database.Provider == StoreProvider.Postgres ? PostgresPick : SqlitePick;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            UPDATE bot_inbox SET state = 'InProgress', attempts = attempts + 1, lease_owner = @owner, lease_until = @until,
                updated_utc = @now
            WHERE id = {pick} RETURNING {Columns}
            """)
            .With("@owner", owner).With("@until", now + lease).With("@now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Extends the lease of a running job. False when <paramref name="owner"/> no longer holds it (taken over).</summary>
    public async Task<bool> RenewAsync(InboxJob job, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE bot_inbox SET lease_until = @until, updated_utc = @now
            WHERE id = @id AND state = 'InProgress' AND lease_owner = @owner
            """).With("@until", now + lease).With("@now", now).With("@id", job.Id).With("@owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Marks a job done (with an optional note, e.g. an effect not sent again). False when <paramref name="owner"/> lost the lease.</summary>
    public Task<bool> CompleteAsync(InboxJob job, string owner, string? note = null, CancellationToken cancellationToken = default) =>
        FinishAsync(job, owner, "Done", note, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Schedules another attempt after <paramref name="retryAfter"/>, or ends the job as failed when null. False when
    /// <paramref name="owner"/> lost the lease (nothing is changed).
    /// </summary>
    public Task<bool> FailAsync(InboxJob job, string owner, string error, TimeSpan? retryAfter, CancellationToken cancellationToken = default) =>
        FinishAsync(job, owner, retryAfter is null ? "Failed" : "Pending", error, retryAfter ?? TimeSpan.Zero, cancellationToken);

    /// <summary>Retention: deletes finished jobs (done, superseded, failed) and dedup records last touched before <paramref name="cutoff"/>.</summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        int deleted = await database.DeleteInBatchesAsync(OpenAsync, "bot_inbox", "id",
            "state IN ('Done', 'Superseded', 'Failed') AND updated_utc < @cutoff", cutoff, cancellationToken);
        await database.DeleteInBatchesAsync(OpenAsync, "bot_inbox_seen", "dedup_key", "created_utc < @cutoff", cutoff, cancellationToken);
        return deleted;
    }

    public async Task<long> CountAsync(InboxState state, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM bot_inbox WHERE state = @state").With("@state", state.ToString());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<InboxJob>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM bot_inbox ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<InboxJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(Read(reader));
        }
        return jobs;
    }

    /// <summary>Readiness: the store answers.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<bool> FinishAsync(InboxJob job, string owner, string state, string? error, TimeSpan delay, CancellationToken cancellationToken)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE bot_inbox SET state = @state, not_before = @notBefore, lease_owner = NULL, lease_until = NULL,
                last_error = @error, updated_utc = @now
            WHERE id = @id AND state = 'InProgress' AND lease_owner = @owner
            """)
            .With("@state", state).With("@notBefore", now + delay)
            .With("@error", error is { Length: > 2000 } ? error[..2000] : error).With("@now", now).With("@id", job.Id).With("@owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DbCommand Insert(DbConnection connection, DbTransaction? transaction, DateTimeOffset now, string kind, string dedupKey,
        string subject, string payload, TimeSpan delay) =>
        connection.Command("""
            INSERT INTO bot_inbox (id, kind, dedup_key, subject, payload, state, attempts, not_before, created_utc, updated_utc)
            VALUES (@id, @kind, @dedup, @subject, @payload, 'Pending', 0, @notBefore, @now, @now)
            ON CONFLICT (dedup_key) DO NOTHING
            """, transaction)
            .With("@id", NewId(now)).With("@kind", kind).With("@dedup", dedupKey).With("@subject", subject)
            .With("@payload", payload).With("@notBefore", now + delay).With("@now", now);

    private static InboxJob Read(DbDataReader r) => new(
        r.GetInt64Value(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<InboxState>(r.GetString(4)),
        (int)r.GetInt64Value(5), r.GetUtc(6)!.Value, r.GetUtc(7)!.Value, r.GetNullableString(8));

    /// <summary>Time-ordered ids that replicas can generate without a sequence: milliseconds × 2^20 + random.</summary>
    private static long NewId(DateTimeOffset now) =>
        (now.ToUnixTimeMilliseconds() << 20) + System.Security.Cryptography.RandomNumberGenerator.GetInt32(1 << 20);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "inbox", Ddl, cancellationToken);
        return connection;
    }
}
