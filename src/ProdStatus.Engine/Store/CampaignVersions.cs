using System.Data.Common;

namespace ProdStatus.Engine.Store;

/// <summary>
/// Counters per Jira ticket that every write of the ticket's campaign data (PanDA workflows and tasks, failure groups,
/// job times, Butler statistics) raises in the same transaction as the data; writes of job times also raise the second.
/// Readers that cache what they built from the store (the dashboard) read them first with one primary-key lookup: an
/// unchanged number means unchanged data, also when another process (the CLI, another bot replica) wrote the store.
/// </summary>
public sealed class CampaignVersions(StoreDatabase database)
{
    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS campaign_version (jira TEXT NOT NULL PRIMARY KEY, version BIGINT NOT NULL, jobs_version BIGINT NOT NULL);
        """;

    private const string Feature = "campaign-version";

    /// <summary>The ticket's versions: 0 when nothing was written since the table existed.</summary>
    public async Task<CampaignVersion> GetAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureSchemaAsync(database, connection, cancellationToken);
        await using var command = connection.Command("SELECT version, jobs_version FROM campaign_version WHERE jira = @jira").With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CampaignVersion(reader.GetInt64Value(0), reader.GetInt64Value(1)) : default;
    }

    /// <summary>Creates the table (once per process); repositories call it when they open a connection.</summary>
    internal static Task EnsureSchemaAsync(StoreDatabase database, DbConnection connection, CancellationToken cancellationToken) =>
        database.EnsureSchemaAsync(connection, Feature, Ddl, cancellationToken);

    /// <summary>Raises the ticket's version (and with <paramref name="jobs"/> its jobs version). Call it inside the
    /// transaction that writes the data (or after the data is written), never before: a reader that saw the new number
    /// must also see the new data.</summary>
    internal static async Task BumpAsync(DbConnection connection, DbTransaction? transaction, string jira, bool jobs,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO campaign_version (jira, version, jobs_version) VALUES (@jira, 1, @jobs)
            ON CONFLICT (jira) DO UPDATE SET version = campaign_version.version + 1, jobs_version = campaign_version.jobs_version + @jobs
            """, transaction).With("@jira", jira).With("@jobs", jobs ? 1L : 0L);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <param name="Version">Raised by every write of the campaign's data.</param>
/// <param name="JobsVersion">Raised by writes of its job times (prep-timing-data).</param>
public readonly record struct CampaignVersion(long Version, long JobsVersion);
