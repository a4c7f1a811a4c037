using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Store;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Read-only access to a daf_butler registry (SQLite or PostgreSQL, either schema generation): collections,
/// <c>&lt;label&gt;_metadata</c> dataset types, and a streamed list of a RUN's metadata datasets with data ID and
/// file record. Table names taken from the registry are checked to be plain identifiers before use.
/// </summary>
internal sealed partial class ButlerRegistry : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly string _source;
    private readonly Dictionary<string, IReadOnlyList<string>> _columns = new(StringComparer.Ordinal);
    private string? _records;

    private ButlerRegistry(DbConnection connection, string source, RegistrySchema.Detected schema)
    {
        _connection = connection;
        _source = source;
        Schema = schema;
    }

    public RegistrySchema.Detected Schema { get; }

    private bool NameKey => Schema.Generation == RegistryGeneration.NameKey2022;

    public static async Task<ButlerRegistry> OpenAsync(ButlerRepositoryConfig config, ButlerOptions options, CancellationToken cancellationToken)
    {
        var connection = await RegistryConnectionFactory.OpenAsync(config, options, cancellationToken);
        try
        {
            var schema = await RegistrySchema.DetectAsync(connection, config.Source, cancellationToken);
            return new ButlerRegistry(connection, config.Source, schema);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<ButlerCollection>> GetCollectionsAsync(CancellationToken cancellationToken)
    {
        string sql = NameKey ? "SELECT name, name, type FROM collection" : "SELECT collection_id, name, type FROM collection";
        await using var command = _connection.Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<ButlerCollection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ButlerCollection(reader.GetValue(0), reader.GetString(1), (int)reader.GetInt64Value(2)));
        }
        return result;
    }

    /// <summary>Every <c>&lt;label&gt;_metadata</c> type except bookkeeping ones (<c>*_gatherResourceUsage_metadata</c>).</summary>
    public async Task<IReadOnlyList<MetadataDatasetType>> GetMetadataTypesAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.Command(
            "SELECT id, name, tag_association_table FROM dataset_type WHERE name LIKE '%\\_metadata' ESCAPE '\\'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<MetadataDatasetType>();
        while (await reader.ReadAsync(cancellationToken))
        {
            string name = reader.GetString(1);
            if (MetadataLabels.TryGetLabel(name, out string label))
            {
                result.Add(new MetadataDatasetType(reader.GetInt64Value(0), name, label, Identifier(reader.GetString(2), "dataset_type.tag_association_table")));
            }
        }
        return result;
    }

    /// <summary>How many metadata datasets a RUN holds (cheap: decides whether stored results are still current).</summary>
    public async Task<long> CountAsync(object runKey, IReadOnlyList<MetadataDatasetType> types, CancellationToken cancellationToken)
    {
        if (types.Count == 0)
        {
            return 0;
        }
        string ids = string.Join(",", types.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)));
        await using var command = _connection.Command(
            $"SELECT COUNT(*) FROM dataset WHERE {RunColumn} = @run AND dataset_type_id IN ({ids})").With("@run", runKey);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The RUN's datasets of one type in dataset-id order, each once, with its data ID and file record.</summary>
    public async IAsyncEnumerable<MetadataDataset> ReadAsync(object runKey, MetadataDatasetType type,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var dims = (await ColumnsAsync(type.TagTable, cancellationToken))
            .Where(c => c is not ("dataset_type_id" or "dataset_id" or "collection_name" or "collection_id")).ToList();
        string records = await RecordsSourceAsync(cancellationToken);
        string dimSelect = string.Concat(dims.Select(d => $", t.\"{d}\""));
        string collection = NameKey ? "collection_name" : "collection_id";
        await using var command = _connection.Command($"""
            SELECT d.id, d.ingest_date, r.path, r.formatter{dimSelect}
            FROM dataset d
            LEFT JOIN "{type.TagTable}" t ON t.dataset_id = d.id AND t.{collection} = d.{RunColumn}
            LEFT JOIN {records} r ON r.dataset_id = d.id AND (r.component IS NULL OR r.component = '__NULL_STRING__')
            WHERE d.dataset_type_id = @type AND d.{RunColumn} = @run
            ORDER BY d.id
            """).With("@type", type.Id).With("@run", runKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? previous = null;
        // Rows are read synchronously: the scan pulls them on a thread of its own, and an asynchronous read would need a
        // pool thread, which the file readers keep busy (PostgreSQL rows arrive in buffered batches anyway).
        while (ReadRow(reader, cancellationToken))
        {
            string id = reader.GetValue(0) is Guid g ? g.ToString("N") : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!;
            if (id == previous)
            {
                continue; // the same file in two datastores of a chain
            }
            previous = id;
            var dataId = new Dictionary<string, object?>(dims.Count, StringComparer.Ordinal);
            for (int i = 0; i < dims.Count; i++)
            {
                dataId[dims[i]] = reader.IsDBNull(4 + i) ? null : reader.GetValue(4 + i);
            }
            yield return new MetadataDataset(id, type.Label, dataId, reader.GetNullableString(2), reader.GetNullableString(3),
                IngestUtc(reader.IsDBNull(1) ? null : reader.GetValue(1)));
        }
    }

    private static bool ReadRow(DbDataReader reader, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return reader.Read();
    }

    private string RunColumn => NameKey ? "run_name" : "run_id";

    /// <summary>TIMESTAMP (text in SQLite, naive UTC) or, for datasets schema 2.x, nanoseconds since 1970 TAI.</summary>
    internal DateTimeOffset? IngestUtc(object? value) => value switch
    {
        null => null,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        string text when UtcTimestamps.TryParse(text, out var t) => t,
        long ns when Schema.TaiIngestDates => TaiTime.ToUtc(ns),
        _ => null,
    };

    /// <summary>The datastore records tables listed in <c>opaque_meta</c> (several for a chained datastore).</summary>
    private async Task<string> RecordsSourceAsync(CancellationToken cancellationToken)
    {
        if (_records is not null)
        {
            return _records;
        }
        var tables = new List<string>();
        try
        {
            await using var command = _connection.Command("SELECT table_name FROM opaque_meta ORDER BY table_name");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }
        catch (DbException)
        {
            tables.Add("file_datastore_records"); // registries without opaque_meta use the default name
        }
        var usable = new List<string>();
        foreach (string table in tables.Where(t => IdentifierPattern().IsMatch(t)))
        {
            var columns = await ColumnsAsync(table, cancellationToken);
            if (columns.Contains("path") && columns.Contains("formatter") && columns.Contains("dataset_id"))
            {
                usable.Add(table);
            }
        }
        _records = usable.Count switch
        {
            0 => throw new UserInputException($"{_source}: the registry has no datastore records table (file_datastore_records)"),
            1 => $"\"{usable[0]}\"",
            _ => "(" + string.Join(" UNION ALL ", usable.Select(t => $"SELECT dataset_id, path, formatter, component FROM \"{t}\"")) + ")",
        };
        return _records;
    }

    private async Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var cached))
        {
            return cached;
        }
        await using var command = _connection.Command($"SELECT * FROM \"{table}\" WHERE 1 = 0");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        _columns[table] = names;
        return names;
    }

    private string Identifier(string name, string field) =>
        IdentifierPattern().IsMatch(name) ? name : throw new UserInputException($"{_source}: {field} '{name}' is not a plain table name");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
