using System.Data.Common;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Inbox;

/// <summary>
/// The durable queue behind the webhooks (an outbox in eShop's sense): a request is acknowledged only once its row
/// is committed, so a restart or kill -9 loses nothing. Claiming takes a time-limited lease; an expired lease
/// (a crashed worker) makes the job claimable again. On PostgreSQL replicas claim with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class InboxRepository(StoreDatabase store, TimeProvider time)
{
    // Intake commits must not queue behind the worker's statistics writes (SQLite has one writer per file).
    private readonly StoreDatabase database = store.Sibling("inbox");

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS bot_inbox (
            id BIGINT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, dedup_key TEXT NOT NULL UNIQUE, subject TEXT NOT NULL,
            payload TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, not_before TEXT NOT NULL,
            lease_owner TEXT NULL, lease_until TEXT NULL, created_utc TEXT NOT NULL, updated_utc TEXT NOT NULL,
            last_error TEXT NULL);
        CREATE INDEX IF NOT EXISTS bot_inbox_ready ON bot_inbox (state, not_before);
        CREATE INDEX IF NOT EXISTS bot_inbox_subject ON bot_inbox (subject, state);
        CREATE INDEX IF NOT EXISTS bot_inbox_lease ON bot_inbox (state, lease_until);
        """;

    private const string Columns = "id, kind, subject, payload, state, attempts, not_before, created_utc, last_error";

    /// <summary>Adds a job unless one with the same <paramref name="dedupKey"/> was ever accepted. Returns true if added.</summary>
    public async Task<bool> EnqueueAsync(string kind, string dedupKey, string subject, string payload, TimeSpan delay,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO bot_inbox (id, kind, dedup_key, subject, payload, state, attempts, not_before, created_utc, updated_utc)
            VALUES (@id, @kind, @dedup, @subject, @payload, 'Pending', 0, @notBefore, @now, @now)
            ON CONFLICT (dedup_key) DO NOTHING
            """)
            .With("@id", NewId(now)).With("@kind", kind).With("@dedup", dedupKey).With("@subject", subject)
            .With("@payload", payload).With("@notBefore", now + delay).With("@now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Leases the oldest ready job to <paramref name="owner"/>, or returns null.</summary>
    public async Task<InboxJob?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        string pick = database.Provider == StoreProvider.Postgres
            ? "SELECT id FROM bot_inbox WHERE (state = 'Pending' AND not_before <= @now) OR (state = 'InProgress' AND lease_until < @now) ORDER BY not_before, id LIMIT 1 FOR UPDATE SKIP LOCKED"
            : "SELECT id FROM bot_inbox WHERE (state = 'Pending' AND not_before <= @now) OR (state = 'InProgress' AND lease_until < @now) ORDER BY not_before, id LIMIT 1";
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            UPDATE bot_inbox SET state = 'InProgress', attempts = attempts + 1, lease_owner = @owner, lease_until = @until,
                updated_utc = @now
            WHERE id = ({pick}) RETURNING {Columns}
            """)
            .With("@owner", owner).With("@until", now + lease).With("@now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Marks a claimed job done, and pending jobs about the same subject accepted before it as superseded.</summary>
    public async Task CompleteAsync(InboxJob job, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using (var done = connection.Command(
            "UPDATE bot_inbox SET state = 'Done', lease_owner = NULL, lease_until = NULL, updated_utc = @now WHERE id = @id")
            .With("@id", job.Id).With("@now", now))
        {
            await done.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var superseded = connection.Command("""
            UPDATE bot_inbox SET state = 'Superseded', updated_utc = @now
            WHERE subject = @subject AND kind = @kind AND state = 'Pending' AND created_utc <= @created AND id <> @id
            """)
            .With("@subject", job.Subject).With("@kind", job.Kind).With("@created", job.CreatedUtc).With("@id", job.Id).With("@now", now);
        await superseded.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Schedules another attempt after <paramref name="retryAfter"/>, or ends the job as failed when null.</summary>
    public async Task FailAsync(InboxJob job, string error, TimeSpan? retryAfter, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE bot_inbox SET state = @state, not_before = @notBefore, lease_owner = NULL, lease_until = NULL,
                last_error = @error, updated_utc = @now WHERE id = @id
            """)
            .With("@state", retryAfter is null ? "Failed" : "Pending").With("@notBefore", now + (retryAfter ?? TimeSpan.Zero))
            .With("@error", error.Length > 2000 ? error[..2000] : error).With("@now", now).With("@id", job.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
