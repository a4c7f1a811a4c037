using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Store;

/// <summary>
/// The statistics store: SQLite by default, PostgreSQL for shared deployments. Repositories (one per feature)
/// create their own tables with portable DDL and use <c>@name</c> parameters and <c>ON CONFLICT</c> upserts,
/// which both engines understand.
/// </summary>
public sealed class StoreDatabase(IOptions<StoreOptions> options, IOptions<OutputOptions> output)
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly HashSet<string> _schemas = [];

    public StoreProvider Provider => options.Value.Provider;

    /// <summary>Overrides the connection string for this process (e.g. <c>prodstat demo</c> uses its own file).</summary>
    public string? ConnectionStringOverride { get; set; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider switch
        {
            StoreProvider.Postgres => new NpgsqlConnection(ConnectionStringOverride ?? options.Value.ConnectionString),
            _ => new SqliteConnection(SqliteConnectionString()),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                // WAL + NORMAL: a commit survives a killed process (it is in the OS cache), without an fsync per request.
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;", cancellationToken);
            }
            return connection;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new UpstreamException("store", $"cannot open the {Provider} store: {ex.Message}", ex);
        }
    }

    /// <summary>Runs a feature's DDL once per process.</summary>
    public async Task EnsureSchemaAsync(DbConnection connection, string feature, string ddl, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemas.Contains(feature))
            {
                return;
            }
            await ExecuteAsync(connection, ddl, cancellationToken);
            _schemas.Add(feature);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string SqliteConnectionString()
    {
        string? configured = ConnectionStringOverride ?? options.Value.ConnectionString;
        var builder = new SqliteConnectionStringBuilder(configured ?? "");
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = Path.Combine(output.Value.ResolveDataDir(), "prodstat.db");
        }
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}
