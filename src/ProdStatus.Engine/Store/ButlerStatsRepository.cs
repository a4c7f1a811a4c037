using System.Data.Common;
using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Engine.Store;

/// <summary>
/// Butler history per Jira ticket: one row per RUN (which repository, how many metadata datasets it had when read, and
/// the sampling used) and one per (RUN, label). A RUN whose repository, count and sampling are unchanged is not read again.
/// </summary>
public sealed class ButlerStatsRepository(StoreDatabase database)
{
    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS butler_run (
            jira TEXT NOT NULL, run_name TEXT NOT NULL, run_key TEXT NOT NULL, repository TEXT NOT NULL, registered BIGINT NOT NULL,
            max_task BIGINT NOT NULL, refreshed_utc TEXT NOT NULL,
            PRIMARY KEY (jira, run_name));
        CREATE TABLE IF NOT EXISTS butler_task (
            jira TEXT NOT NULL, run_name TEXT NOT NULL, label TEXT NOT NULL, run_key TEXT NOT NULL, quanta BIGINT NOT NULL,
            quanta_read BIGINT NOT NULL, no_file BIGINT NOT NULL, provenance BIGINT NOT NULL, unreadable BIGINT NOT NULL,
            no_metadata BIGINT NOT NULL, skipped BIGINT NOT NULL, first_start_utc TEXT NULL, cpu_sum DOUBLE PRECISION NOT NULL,
            cpu_n BIGINT NOT NULL, cpu_max DOUBLE PRECISION NOT NULL, wall_sum DOUBLE PRECISION NOT NULL, wall_n BIGINT NOT NULL,
            rss TEXT NOT NULL,
            PRIMARY KEY (jira, run_name, label));
        """;

    public sealed record StoredRun(string RunName, string Repository, long Registered, long MaxTask);

    public async Task<IReadOnlyDictionary<string, StoredRun>> GetRunsAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT run_name, repository, registered, max_task FROM butler_run WHERE jira = @jira").With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, StoredRun>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = new StoredRun(reader.GetString(0), reader.GetString(1), reader.GetInt64Value(2), reader.GetInt64Value(3));
        }
        return result;
    }

    public async Task<IReadOnlyList<ButlerTaskStats>> GetTasksAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT run_name, run_key, label, quanta, quanta_read, no_file, provenance, unreadable, no_metadata, skipped, " +
            "first_start_utc, cpu_sum, cpu_n, cpu_max, wall_sum, wall_n, rss FROM butler_task WHERE jira = @jira").With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<ButlerTaskStats>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ButlerTaskStats(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64Value(3),
                reader.GetInt64Value(4), reader.GetInt64Value(5), reader.GetInt64Value(6), reader.GetInt64Value(7), reader.GetInt64Value(8),
                reader.GetInt64Value(9), reader.GetUtc(10), reader.GetDoubleValue(11), reader.GetInt64Value(12), reader.GetDoubleValue(13),
                reader.GetDoubleValue(14), reader.GetInt64Value(15), RssHistogram.Parse(reader.GetString(16))));
        }
        return result;
    }

    /// <summary>Replaces everything stored for one RUN in one transaction.</summary>
    public async Task SaveRunAsync(string jira, string runName, string runKey, string repository, long registered, long maxTask,
        IEnumerable<ButlerTaskStats> tasks, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.Command("DELETE FROM butler_task WHERE jira = @jira AND run_name = @run", transaction)
            .With("@jira", jira).With("@run", runName))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var t in tasks)
        {
            await using var insert = connection.Command("""
                INSERT INTO butler_task (jira, run_name, label, run_key, quanta, quanta_read, no_file, provenance, unreadable,
                    no_metadata, skipped, first_start_utc, cpu_sum, cpu_n, cpu_max, wall_sum, wall_n, rss)
                VALUES (@jira, @run, @label, @key, @quanta, @read, @nofile, @prov, @unreadable, @nometa, @skipped, @first,
                    @cpu, @cpun, @cpumax, @wall, @walln, @rss)
                """, transaction)
                .With("@jira", jira).With("@run", runName).With("@label", t.Label).With("@key", t.RunKey).With("@quanta", t.Quanta)
                .With("@read", t.Read).With("@nofile", t.NoFile).With("@prov", t.Provenance).With("@unreadable", t.Unreadable)
                .With("@nometa", t.NoMetadata).With("@skipped", t.Skipped).With("@first", t.FirstStart).With("@cpu", t.CpuSum)
                .With("@cpun", t.CpuCount).With("@cpumax", t.CpuMax).With("@wall", t.WallSum).With("@walln", t.WallCount)
                .With("@rss", t.Rss.Serialize());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var upsert = connection.Command("""
            INSERT INTO butler_run (jira, run_name, run_key, repository, registered, max_task, refreshed_utc)
            VALUES (@jira, @run, @key, @repo, @registered, @max, @now)
            ON CONFLICT (jira, run_name) DO UPDATE SET run_key = excluded.run_key, repository = excluded.repository,
                registered = excluded.registered,
                max_task = excluded.max_task, refreshed_utc = excluded.refreshed_utc
            """, transaction)
            .With("@jira", jira).With("@run", runName).With("@key", runKey).With("@repo", repository).With("@registered", registered).With("@max", maxTask).With("@now", now))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await CampaignVersions.BumpAsync(connection, transaction, jira, jobs: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary><c>--clean-history</c>: forget everything stored for this ticket.</summary>
    public async Task ClearAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (string table in new[] { "butler_run", "butler_task" })
        {
            await using var command = connection.Command($"DELETE FROM {table} WHERE jira = @jira").With("@jira", jira);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await CampaignVersions.BumpAsync(connection, null, jira, jobs: false, cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "butler", Ddl, cancellationToken);
        await CampaignVersions.EnsureSchemaAsync(database, connection, cancellationToken);
        return connection;
    }
}
