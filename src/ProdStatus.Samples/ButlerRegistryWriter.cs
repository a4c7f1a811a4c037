using System.Data.Common;
using System.Globalization;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Store;
using ProdStatus.Engine.Time;

namespace ProdStatus.Samples;

/// <summary>
/// Writes a registry of either generation into an open SQLite or PostgreSQL connection: schema, the
/// <c>butler_attributes</c> rows that name it, collections, dataset types and datasets with their tag-table row
/// and file record. Used by <c>prodstat demo</c>, the tests and the benchmark.
/// </summary>
public sealed class ButlerRegistryWriter(DbConnection connection, RegistryGeneration generation, bool postgres)
{
    public const string NullComponent = "__NULL_STRING__";
    public const string YamlFormatter = "lsst.daf.butler.formatters.yaml.YamlFormatter";
    public const string JsonFormatter = "lsst.daf.butler.formatters.json.JsonFormatter";
    public const string ProvenanceFormatter = "lsst.pipe.base.quantum_graph.formatter.ProvenanceFormatter";
    private const string Datasets = "lsst.daf.butler.registry.datasets.byDimensions._manager.ByDimensionsDatasetRecordStorageManagerUUID";

    private readonly Dictionary<string, object> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string Table, IReadOnlyList<string> Dims)> _types = [];
    private readonly Dictionary<string, int> _dimensionKeys = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;
    private long _nextCollectionId = 1;

    /// <summary>PostgreSQL enforces column lengths (collection names ≤ 64 characters in the current generation).</summary>
    public bool Postgres => postgres;

    private bool NameKey => generation == RegistryGeneration.NameKey2022;

    public async Task CreateSchemaAsync(CancellationToken cancellationToken = default)
    {
        foreach (string table in ButlerSchemaSpec.StaticTables)
        {
            await ExecAsync(ButlerSchemaSpec.CreateTable(table, generation, postgres), cancellationToken);
        }
        string manager = NameKey ? "lsst.daf.butler.registry.collections.nameKey.NameKeyCollectionManager"
            : "lsst.daf.butler.registry.collections.synthIntKey.SynthIntKeyCollectionManager";
        await AttributeAsync("config:registry.managers.collections", manager, cancellationToken);
        await AttributeAsync("config:registry.managers.datasets", Datasets, cancellationToken);
        await AttributeAsync($"version:{manager}", "2.0.0", cancellationToken);
        await AttributeAsync($"version:{Datasets}", NameKey ? "1.0.0" : "2.0.0", cancellationToken);
        await ExecAsync("INSERT INTO opaque_meta (table_name) VALUES ('file_datastore_records')", cancellationToken);
    }

    public Task AttributeAsync(string name, string value, CancellationToken cancellationToken = default) =>
        ExecAsync("INSERT INTO butler_attributes (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            cancellationToken, ("@n", name), ("@v", value));

    /// <summary>Adds a collection (RUN also gets its <c>run</c> row); returns its key.</summary>
    public async Task<object> AddCollectionAsync(string name, int type, CancellationToken cancellationToken = default)
    {
        object key = NameKey ? name : _nextCollectionId++;
        string sql = NameKey ? "INSERT INTO collection (name, type) VALUES (@k, @t)" : "INSERT INTO collection (collection_id, name, type) VALUES (@k, @n, @t)";
        await ExecAsync(sql, cancellationToken, ("@k", key), ("@n", name), ("@t", (short)type));
        if (type == ButlerCollection.Run)
        {
            await ExecAsync(NameKey ? "INSERT INTO run (name) VALUES (@k)" : "INSERT INTO run (collection_id) VALUES (@k)", cancellationToken, ("@k", key));
        }
        _collections[name] = key;
        return key;
    }

    public async Task AddChainAsync(string parent, IReadOnlyList<string> children, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < children.Count; i++)
        {
            await ExecAsync("INSERT INTO collection_chain (parent, position, child) VALUES (@p, @i, @c)", cancellationToken,
                ("@p", _collections[parent]), ("@i", (short)i), ("@c", _collections[children[i]]));
        }
    }

    /// <summary>Adds a dataset type; types with the same dimensions share a tag table, as in daf_butler.</summary>
    public async Task<long> AddDatasetTypeAsync(long id, string name, string storageClass, IReadOnlyList<string> dimensions,
        CancellationToken cancellationToken = default)
    {
        string dimsKey = string.Join(",", dimensions);
        if (!_dimensionKeys.TryGetValue(dimsKey, out int key))
        {
            key = _dimensionKeys.Count + 5;
            _dimensionKeys[dimsKey] = key;
            await ExecAsync(ButlerSchemaSpec.CreateTable(TagTable(key), generation, postgres, dimensions), cancellationToken);
            await ExecAsync("INSERT INTO dimension_graph_key (id) VALUES (@k)", cancellationToken, ("@k", (long)key));
            foreach (string d in dimensions)
            {
                await ExecAsync("INSERT INTO dimension_graph_definition (dimension_graph_id, dimension_name) VALUES (@k, @d)", cancellationToken,
                    ("@k", (long)key), ("@d", d));
            }
        }
        await ExecAsync("INSERT INTO dataset_type (id, name, storage_class, dimensions_key, tag_association_table) VALUES (@i, @n, @s, @k, @t)",
            cancellationToken, ("@i", id), ("@n", name), ("@s", storageClass), ("@k", (long)key), ("@t", TagTable(key)));
        _types[id] = (TagTable(key), dimensions);
        return id;
    }

    /// <summary>Adds a dataset to a RUN: dataset row, tag row (its data ID) and, when <paramref name="path"/> is set, a file record.</summary>
    public async Task AddDatasetAsync(Guid id, long typeId, string run, IReadOnlyList<object> dataId, DateTimeOffset ingestUtc,
        string? path, string? formatter, long? fileSize = null, string component = NullComponent, CancellationToken cancellationToken = default)
    {
        object datasetId = postgres ? id : id.ToString("N");
        object runKey = _collections[run];
        object ingest = NameKey
            ? postgres ? DateTime.SpecifyKind(ingestUtc.UtcDateTime, DateTimeKind.Unspecified) : ingestUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture)
            : TaiTime.FromUtc(ingestUtc);
        await ExecAsync($"INSERT INTO dataset (id, dataset_type_id, ingest_date, {(NameKey ? "run_name" : "run_id")}) VALUES (@i, @t, @d, @r)",
            cancellationToken, ("@i", datasetId), ("@t", typeId), ("@d", ingest), ("@r", runKey));
        var (table, dims) = _types[typeId];
        string dimCols = string.Concat(dims.Select(d => $", \"{d}\""));
        string dimParams = string.Concat(dims.Select((_, i) => $", @d{i}"));
        var parameters = new List<(string, object?)> { ("@t", typeId), ("@i", datasetId), ("@c", runKey) };
        parameters.AddRange(dataId.Select((v, i) => ($"@d{i}", (object?)v)));
        await ExecAsync($"INSERT INTO \"{table}\" (dataset_type_id, dataset_id, {(NameKey ? "collection_name" : "collection_id")}{dimCols}) VALUES (@t, @i, @c{dimParams})",
            cancellationToken, [.. parameters]);
        if (path is not null)
        {
            await ExecAsync("INSERT INTO file_datastore_records (dataset_id, path, formatter, storage_class, component, file_size) VALUES (@i, @p, @f, @s, @c, @z)",
                cancellationToken, ("@i", datasetId), ("@p", path), ("@f", formatter ?? JsonFormatter), ("@s", NameKey ? "PropertySet" : "TaskMetadata"),
                ("@c", component), ("@z", fileSize));
        }
    }

    /// <summary>Associates an existing dataset with a TAGGED collection (its data ID is repeated in the tag table).</summary>
    public async Task AddTagAsync(Guid id, long typeId, string collection, IReadOnlyList<object> dataId, CancellationToken cancellationToken = default)
    {
        var (table, dims) = _types[typeId];
        var parameters = new List<(string, object?)> { ("@t", typeId), ("@i", postgres ? id : id.ToString("N")), ("@c", _collections[collection]) };
        parameters.AddRange(dataId.Select((v, i) => ($"@d{i}", (object?)v)));
        await ExecAsync($"INSERT INTO \"{table}\" (dataset_type_id, dataset_id, {(NameKey ? "collection_name" : "collection_id")}" +
            $"{string.Concat(dims.Select(d => $", \"{d}\""))}) VALUES (@t, @i, @c{string.Concat(dims.Select((_, i) => $", @d{i}"))})",
            cancellationToken, [.. parameters]);
    }

    /// <summary>Groups many inserts into one transaction (SQLite writes ~100× faster).</summary>
    public async Task BeginAsync(CancellationToken cancellationToken = default) => _transaction = await connection.BeginTransactionAsync(cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>The tag table a dataset type's rows go to, and its dimension columns (for bulk loaders).</summary>
    public (string Table, IReadOnlyList<string> Dimensions) TagTableOf(long typeId) => _types[typeId];

    /// <summary>The key a collection added earlier got (its name in the 2022 generation, a number now).</summary>
    public object CollectionKey(string name) => _collections[name];

    private static string TagTable(int key) => $"dataset_tags_{key:D8}";

    private async Task ExecAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, _transaction);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
