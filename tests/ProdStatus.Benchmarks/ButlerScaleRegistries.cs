using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProdStatus.Engine.Time;
using ProdStatus.Samples;

namespace ProdStatus.Benchmarks;

/// <summary>
/// Bulk-loads the datasets of <see cref="ButlerScaleRepository.Rows"/> into a registry: SQLite with prepared
/// statements in one transaction, PostgreSQL with <c>COPY … FROM STDIN</c>. Either way the foreign-key indexes
/// daf_butler creates on <c>dataset</c> are added afterwards and the tables analysed, so the registry is
/// production-shaped.
/// </summary>
internal static class ButlerScaleRegistries
{
    public static async Task SqliteAsync(string db, bool legacy, int datasets, int files, string datastoreRoot)
    {
        if (File.Exists(db))
        {
            File.Delete(db);
        }
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        Exec(connection, null, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
        var writer = await ButlerScaleRepository.CreateSchemaAsync(connection, legacy, postgres: false);
        using var transaction = connection.BeginTransaction();
        var (tags, _) = writer.TagTableOf(1);
        string run = legacy ? "run_name" : "run_id";
        string collection = legacy ? "collection_name" : "collection_id";
        using var dataset = Prepare(connection, transaction, $"INSERT INTO dataset (id, dataset_type_id, ingest_date, {run}) VALUES ($i, $t, $d, $r)");
        using var tag = Prepare(connection, transaction,
            $"INSERT INTO \"{tags}\" (dataset_type_id, dataset_id, {collection}, instrument, detector, exposure) VALUES ($t, $i, $r, 'LSSTCam', $det, $exp)");
        using var record = Prepare(connection, transaction,
            "INSERT INTO file_datastore_records (dataset_id, path, formatter, storage_class, component, file_size) VALUES ($i, $p, $f, $s, $c, $z)");
        foreach (var row in ButlerScaleRepository.Rows(legacy, datasets, files))
        {
            string id = row.Id.ToString("N");
            object runKey = writer.CollectionKey(row.Run);
            Run(dataset, ("$i", id), ("$t", row.TypeId), ("$d", legacy ? LegacyTimestamp(row.Ingest) : TaiTime.FromUtc(row.Ingest)), ("$r", runKey));
            Run(tag, ("$t", row.TypeId), ("$i", id), ("$r", runKey), ("$det", row.Detector), ("$exp", row.Exposure));
            var (formatter, storage, size) = Record(row, legacy, datastoreRoot);
            Run(record, ("$i", id), ("$p", row.Path), ("$f", formatter), ("$s", storage), ("$c", ButlerRegistryWriter.NullComponent), ("$z", size));
        }
        transaction.Commit();
        Exec(connection, null, $"CREATE INDEX dataset_fkidx_dataset_type_id ON dataset (dataset_type_id); CREATE INDEX dataset_fkidx_{run} ON dataset ({run}); ANALYZE;");
    }

    public static async Task PostgresAsync(string connectionString, bool legacy, int datasets, int files, string datastoreRoot)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var writer = await ButlerScaleRepository.CreateSchemaAsync(connection, legacy, postgres: true);
        var (tags, _) = writer.TagTableOf(1);
        string run = legacy ? "run_name" : "run_id";
        string collection = legacy ? "collection_name" : "collection_id";
        var rows = ButlerScaleRepository.Rows(legacy, datasets, files);
        await CopyAsync(connection, $"dataset (id, dataset_type_id, ingest_date, {run})", rows, r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Id:D}\t{r.TypeId}\t{(legacy ? LegacyTimestamp(r.Ingest) : TaiTime.FromUtc(r.Ingest))}\t{writer.CollectionKey(r.Run)}"));
        await CopyAsync(connection, $"\"{tags}\" (dataset_type_id, dataset_id, {collection}, instrument, detector, exposure)", rows,
            r => string.Create(CultureInfo.InvariantCulture, $"{r.TypeId}\t{r.Id:D}\t{writer.CollectionKey(r.Run)}\tLSSTCam\t{r.Detector}\t{r.Exposure}"));
        await CopyAsync(connection, "file_datastore_records (dataset_id, path, formatter, storage_class, component, file_size)", rows, r =>
        {
            var (formatter, storage, size) = Record(r, legacy, datastoreRoot);
            return string.Create(CultureInfo.InvariantCulture,
                $"{r.Id:D}\t{r.Path}\t{formatter}\t{storage}\t{ButlerRegistryWriter.NullComponent}\t{(size is { } s ? s.ToString(CultureInfo.InvariantCulture) : "\\N")}");
        });
        await using var index = new NpgsqlCommand(
            $"CREATE INDEX dataset_fkidx_dataset_type_id ON dataset (dataset_type_id); CREATE INDEX dataset_fkidx_{run} ON dataset ({run}); ANALYZE;", connection)
        { CommandTimeout = 0 };
        await index.ExecuteNonQueryAsync();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IEnumerable<ButlerScaleRepository.Row> rows,
        Func<ButlerScaleRepository.Row, string> line)
    {
        await using var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN");
        foreach (var row in rows)
        {
            await writer.WriteAsync(line(row));
            await writer.WriteAsync('\n');
        }
    }

    private static (string Formatter, string StorageClass, long? Size) Record(ButlerScaleRepository.Row row, bool legacy, string datastoreRoot) =>
        row.Metadata
            ? (legacy ? ButlerRegistryWriter.YamlFormatter : ButlerRegistryWriter.JsonFormatter, legacy ? "PropertySet" : "TaskMetadata",
                new FileInfo(Path.Combine(datastoreRoot, row.Path)).Length)
            : (ButlerScaleRepository.Formatter, "ExposureF", 10_500_000 + (row.Exposure % 1000));

    private static string LegacyTimestamp(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Run(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
        command.ExecuteNonQuery();
    }

    private static void Exec(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
