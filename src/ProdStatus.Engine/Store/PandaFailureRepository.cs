using System.Data.Common;
using ProdStatus.Engine.Failures;

namespace ProdStatus.Engine.Store;

/// <summary>
/// The failure groups of each PanDA task, per Jira ticket. Written before the task rows they belong to, and replaced
/// whole per task, so a run interrupted between the two writes reads the task again and ends in the same state.
/// </summary>
public sealed class PandaFailureRepository(StoreDatabase database)
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS panda_task_failure (
            jira TEXT NOT NULL, jeditaskid BIGINT NOT NULL, group_key TEXT NOT NULL, cause TEXT NOT NULL, code TEXT NOT NULL,
            known_name TEXT NULL, tickets TEXT NOT NULL, rescue BIGINT NOT NULL, attempts BIGINT NOT NULL,
            final_failures BIGINT NOT NULL, example_pandaid BIGINT NOT NULL, example_message TEXT NOT NULL,
            PRIMARY KEY (jira, jeditaskid, group_key));
        """;

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<FailureGroup>>> GetAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT jeditaskid, cause, code, known_name, tickets, rescue, attempts, final_failures, example_pandaid, example_message " +
            "FROM panda_task_failure WHERE jira = @jira ORDER BY jeditaskid, group_key").With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<long, List<FailureGroup>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            FailureCauses.TryParse(reader.GetString(1), out var cause);
            string tickets = reader.GetString(4);
            var group = new FailureGroup(cause, reader.GetString(2), reader.GetNullableString(3),
                tickets.Length == 0 ? [] : tickets.Split(' '), reader.GetInt64Value(5) != 0, reader.GetInt64Value(6),
                reader.GetInt64Value(7), reader.GetInt64Value(8), reader.GetString(9));
            long task = reader.GetInt64Value(0);
            if (!result.TryGetValue(task, out var list))
            {
                result[task] = list = [];
            }
            list.Add(group);
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<FailureGroup>)kv.Value);
    }

    /// <summary>Replaces the failure groups of the given tasks (an empty list clears a task) in one transaction.</summary>
    public async Task ReplaceAsync(string jira, IReadOnlyDictionary<long, IReadOnlyList<FailureGroup>> byTask, CancellationToken cancellationToken = default)
    {
        if (byTask.Count == 0)
        {
            return;
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (task, groups) in byTask)
        {
            await using (var delete = connection.Command("DELETE FROM panda_task_failure WHERE jira = @jira AND jeditaskid = @id", transaction)
                .With("@jira", jira).With("@id", task))
            {
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var g in groups)
            {
                await using var insert = connection.Command("""
                    INSERT INTO panda_task_failure (jira, jeditaskid, group_key, cause, code, known_name, tickets, rescue, attempts,
                        final_failures, example_pandaid, example_message)
                    VALUES (@jira, @id, @key, @cause, @code, @known, @tickets, @rescue, @attempts, @final, @example, @message)
                    """, transaction)
                    .With("@jira", jira).With("@id", task).With("@key", g.Key).With("@cause", g.Cause.Key()).With("@code", g.Code)
                    .With("@known", g.KnownName).With("@tickets", string.Join(' ', g.Tickets)).With("@rescue", g.Rescue)
                    .With("@attempts", g.Attempts).With("@final", g.FinalFailures).With("@example", g.ExamplePandaId)
                    .With("@message", g.ExampleMessage);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await CampaignVersions.BumpAsync(connection, transaction, jira, jobs: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary><c>--clean-history</c>.</summary>
    public async Task ClearAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM panda_task_failure WHERE jira = @jira").With("@jira", jira);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await CampaignVersions.BumpAsync(connection, null, jira, jobs: false, cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "panda-failures", Ddl, cancellationToken);
        await CampaignVersions.EnsureSchemaAsync(database, connection, cancellationToken);
        return connection;
    }
}
