using System.Data.Common;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Drp;

/// <summary>
/// The rows of the summary tables. The original kept them as JSON in a Jira description (DRP-54), which grows past
/// Jira's field limit; here they live in the store and the summary issues are rendered from it.
/// </summary>
public sealed class SummaryRepository(StoreDatabase database)
{
    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS drp_summary (
            row_key TEXT NOT NULL PRIMARY KEY, production TEXT NOT NULL, drp TEXT NOT NULL, ts TEXT NOT NULL,
            n_tasks BIGINT NOT NULL, n_files BIGINT NOT NULL, n_finished BIGINT NOT NULL, n_failed BIGINT NOT NULL,
            n_subfinished BIGINT NOT NULL, panda_link TEXT NOT NULL, descrip TEXT NOT NULL);
        """;

    public async Task<IReadOnlyList<SummaryRow>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT production, drp, ts, n_tasks, n_files, n_finished, n_failed, n_subfinished, panda_link, descrip FROM drp_summary ORDER BY row_key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SummaryRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SummaryRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                new StatusCounts(reader.GetInt64Value(3), reader.GetInt64Value(4), reader.GetInt64Value(5), reader.GetInt64Value(6), reader.GetInt64Value(7)),
                reader.GetString(8), reader.GetString(9)));
        }
        return rows;
    }

    public async Task UpsertAsync(IEnumerable<SummaryRow> rows, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var r in rows)
        {
            await using var command = connection.Command("""
                INSERT INTO drp_summary (row_key, production, drp, ts, n_tasks, n_files, n_finished, n_failed, n_subfinished, panda_link, descrip)
                VALUES (@key, @p, @d, @ts, @t, @q, @f, @fa, @sf, @link, @descrip)
                ON CONFLICT (row_key) DO UPDATE SET production = excluded.production, drp = excluded.drp, ts = excluded.ts,
                    n_tasks = excluded.n_tasks, n_files = excluded.n_files, n_finished = excluded.n_finished,
                    n_failed = excluded.n_failed, n_subfinished = excluded.n_subfinished, panda_link = excluded.panda_link,
                    descrip = excluded.descrip
                """, transaction)
                .With("@key", r.Key).With("@p", r.ProductionIssue).With("@d", r.DrpIssue).With("@ts", r.Timestamp)
                .With("@t", r.Status.Tasks).With("@q", r.Status.Files).With("@f", r.Status.Finished).With("@fa", r.Status.Failed)
                .With("@sf", r.Status.SubFinished).With("@link", r.PandaLink).With("@descrip", r.Description);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes every row of this production and DRP issue (the original removed only the first). Returns how many.</summary>
    public async Task<int> RemoveAsync(string productionIssue, string drpIssue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM drp_summary WHERE production = @p AND drp = @d")
            .With("@p", productionIssue).With("@d", drpIssue);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM drp_summary");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "drp_summary", Ddl, cancellationToken);
        return connection;
    }
}
