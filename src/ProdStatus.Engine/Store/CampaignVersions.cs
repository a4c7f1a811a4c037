using System.Data.Common;
using System.Globalization;

namespace ProdStatus.Engine.Store;

/// <summary>
/// A counter per Jira ticket that every write of the ticket's campaign data (PanDA workflows and tasks, failure groups,
/// job times, Butler statistics) raises in the same transaction as the data. Readers that cache what they built from the
/// store (the dashboard) read it first with one primary-key lookup: an unchanged number means unchanged data, also when
/// another process (the CLI, another bot replica) wrote the store.
/// </summary>
public sealed class CampaignVersions(StoreDatabase database)
{
    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS campaign_version (jira TEXT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
        """;

    private const string Feature = "campaign-version";

    /// <summary>The ticket's version: 0 when nothing was written since the table existed.</summary>
    public async Task<long> GetAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureSchemaAsync(database, connection, cancellationToken);
        await using var command = connection.Command("SELECT version FROM campaign_version WHERE jira = @jira").With("@jira", jira);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Creates the table (once per process); repositories call it when they open a connection.</summary>
    internal static Task EnsureSchemaAsync(StoreDatabase database, DbConnection connection, CancellationToken cancellationToken) =>
        database.EnsureSchemaAsync(connection, Feature, Ddl, cancellationToken);

    /// <summary>Raises the ticket's version. Call it inside the transaction that writes the data (or after the data is
    /// written), never before: a reader that saw the new number must also see the new data.</summary>
    internal static async Task BumpAsync(DbConnection connection, DbTransaction? transaction, string jira, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO campaign_version (jira, version) VALUES (@jira, 1)
            ON CONFLICT (jira) DO UPDATE SET version = campaign_version.version + 1
            """, transaction).With("@jira", jira);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
