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
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriterGates = new(StringComparer.Ordinal);
    private string? _sqliteSuffix;
    private string? _sqliteConnectionString;

    public StoreProvider Provider => options.Value.Provider;

    /// <summary>
    /// The same store for another writer: on SQLite a sibling file (<c>prodstat-inbox.db</c> next to <c>prodstat.db</c>),
    /// so its commits never wait for the other's write lock; on PostgreSQL the same database (row locks suffice).
    /// </summary>
    public StoreDatabase Sibling(string suffix) => new(options, output) { _sqliteSuffix = suffix };

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider switch
        {
            StoreProvider.Postgres => new NpgsqlConnection(options.Value.ConnectionString),
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

    /// <summary>
    /// On SQLite, one writer per database file at a time in this process: waiting here (async, first come first served)
    /// instead of in SQLite's busy handler, which sleeps and retries, keeps commit latency flat under bursts. A no-op on
    /// PostgreSQL. Dispose the result to release.
    /// </summary>
    public async ValueTask<IDisposable?> WriteLockAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == StoreProvider.Postgres)
        {
            return null;
        }
        var gate = WriterGates.GetOrAdd(SqliteConnectionString(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new GateRelease(gate);
    }

    /// <summary>
    /// Retention: deletes the rows of <paramref name="table"/> matching <paramref name="where"/> (which may use
    /// <c>@cutoff</c>) a batch of <paramref name="key"/> values at a time, each batch a short write under
    /// <see cref="WriteLockAsync"/>, so deleting a month of a busy bot's history never makes an intake wait long.
    /// </summary>
    public async Task<int> DeleteInBatchesAsync(Func<CancellationToken, Task<DbConnection>> open, string table, string key, string where,
        DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const int batch = 1_000;
        int total = 0;
        while (true)
        {
            int deleted;
            using (await WriteLockAsync(cancellationToken))
            {
                await using var connection = await open(cancellationToken);
                await using var command = connection.Command(
                    $"DELETE FROM {table} WHERE {where} AND {key} IN (SELECT {key} FROM {table} WHERE {where} LIMIT {batch})").With("@cutoff", cutoff);
                deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            }
            total += deleted;
            if (deleted == 0)
            {
                return total;
            }
        }
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
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

    private string SqliteConnectionString() => _sqliteConnectionString ??= BuildSqliteConnectionString();

    private string BuildSqliteConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString ?? "");
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = Path.Combine(output.Value.ResolveDataDir(), "prodstat.db");
        }
        if (_sqliteSuffix is not null && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            string path = builder.DataSource;
            builder.DataSource = Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-{_sqliteSuffix}{Path.GetExtension(path)}");
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
