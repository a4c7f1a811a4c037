using System.Text;
using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Samples;

/// <summary>
/// The registry tables get-butler-stat reads, for both schema generations and both databases, from one table of
/// column specs: the 2022 NameKey DDL dumped from a real execution butler, and the current
/// SynthIntKey DDL reconstructed from daf_butler's source. Tag tables come from the <c>dataset_tags_*</c> template.
/// </summary>
public static class ButlerSchemaSpec
{
    [Flags]
    public enum Gen { Legacy = 1, Current = 2, Both = Legacy | Current }

    [Flags]
    public enum Db { Sqlite = 1, Postgres = 2, Both = Sqlite | Postgres }

    public enum ColType { Text, Name64, Name128, Short32, BigInt, SmallInt, DatasetId, Timestamp, TaiNs, Float, Int8Range }

    public sealed record Column(string Table, string Name, ColType Type, Gen Gen = Gen.Both, bool NotNull = false, bool Key = false, Db Db = Db.Both);

    public const string TagTemplate = "dataset_tags_*";

    public static readonly Column[] Columns =
    [
        new("butler_attributes", "name", ColType.Text, Key: true), new("butler_attributes", "value", ColType.Text, NotNull: true),
        new("collection", "name", ColType.Text, Gen.Legacy, Key: true),
        new("collection", "collection_id", ColType.BigInt, Gen.Current, Key: true),
        new("collection", "name", ColType.Name64, Gen.Current, NotNull: true),
        new("collection", "type", ColType.SmallInt, NotNull: true), new("collection", "doc", ColType.Text),
        new("run", "name", ColType.Name128, Gen.Legacy, Key: true),
        new("run", "collection_id", ColType.BigInt, Gen.Current, Key: true),
        new("run", "host", ColType.Name128),
        new("run", "timespan_begin", ColType.BigInt, Gen.Legacy), new("run", "timespan_end", ColType.BigInt, Gen.Legacy),
        new("run", "timespan_begin", ColType.BigInt, Gen.Current, Db: Db.Sqlite), new("run", "timespan_end", ColType.BigInt, Gen.Current, Db: Db.Sqlite),
        new("run", "timespan", ColType.Int8Range, Gen.Current, Db: Db.Postgres),
        new("collection_chain", "parent", ColType.Name128, Gen.Legacy, Key: true),
        new("collection_chain", "parent", ColType.BigInt, Gen.Current, Key: true),
        new("collection_chain", "position", ColType.SmallInt, Key: true),
        new("collection_chain", "child", ColType.Name128, Gen.Legacy, NotNull: true),
        new("collection_chain", "child", ColType.BigInt, Gen.Current, NotNull: true),
        new("dataset_type", "id", ColType.BigInt, Key: true), new("dataset_type", "name", ColType.Name128, NotNull: true),
        new("dataset_type", "storage_class", ColType.Name64, NotNull: true), new("dataset_type", "dimensions_key", ColType.BigInt, NotNull: true),
        new("dataset_type", "tag_association_table", ColType.Name128, NotNull: true),
        new("dataset_type", "calibration_association_table", ColType.Name128),
        new("dataset", "id", ColType.DatasetId, Key: true), new("dataset", "dataset_type_id", ColType.BigInt, NotNull: true),
        new("dataset", "ingest_date", ColType.Timestamp, Gen.Legacy, NotNull: true),
        new("dataset", "ingest_date", ColType.TaiNs, Gen.Current, NotNull: true),
        new("dataset", "run_name", ColType.Name128, Gen.Legacy, NotNull: true),
        new("dataset", "run_id", ColType.BigInt, Gen.Current, NotNull: true),
        new(TagTemplate, "dataset_type_id", ColType.BigInt, NotNull: true), new(TagTemplate, "dataset_id", ColType.DatasetId, Key: true),
        new(TagTemplate, "collection_name", ColType.Name128, Gen.Legacy, Key: true),
        new(TagTemplate, "collection_id", ColType.BigInt, Gen.Current, Key: true),
        new("collection_summary_dataset_type", "collection_name", ColType.Name128, Gen.Legacy, Key: true),
        new("collection_summary_dataset_type", "collection_id", ColType.BigInt, Gen.Current, Key: true),
        new("collection_summary_dataset_type", "dataset_type_id", ColType.BigInt, Key: true),
        new("dimension_graph_key", "id", ColType.BigInt, Key: true),
        new("dimension_graph_definition", "dimension_graph_id", ColType.BigInt, Key: true),
        new("dimension_graph_definition", "dimension_name", ColType.Name64, Key: true),
        new("opaque_meta", "table_name", ColType.Name128, Key: true),
        new("dataset_location", "datastore_name", ColType.Name128, Key: true), new("dataset_location", "dataset_id", ColType.DatasetId, Key: true),
        new("file_datastore_records", "dataset_id", ColType.DatasetId, Key: true), new("file_datastore_records", "path", ColType.Text, NotNull: true),
        new("file_datastore_records", "formatter", ColType.Name128, NotNull: true),
        new("file_datastore_records", "storage_class", ColType.Name64, NotNull: true),
        new("file_datastore_records", "component", ColType.Short32, Key: true), new("file_datastore_records", "checksum", ColType.Name128),
        new("file_datastore_records", "file_size", ColType.BigInt),
        new("instrument", "name", ColType.Short32, Key: true), new("instrument", "detector_max", ColType.BigInt),
        new("instrument", "class_name", ColType.Text),
        new("detector", "instrument", ColType.Short32, Key: true), new("detector", "id", ColType.BigInt, Key: true),
        new("detector", "full_name", ColType.Short32, NotNull: true),
        new("skymap", "name", ColType.Name64, Key: true), new("skymap", "hash", ColType.Text, NotNull: true),
    ];

    /// <summary>Column type of a dimension in tag tables (instrument names: 16 characters in 2022, 32 now).</summary>
    public static ColType DimensionType(string dimension) => dimension switch
    {
        "instrument" or "band" or "physical_filter" => ColType.Short32,
        "skymap" => ColType.Name64,
        _ => ColType.BigInt,
    };

    public static IEnumerable<string> StaticTables => Columns.Select(c => c.Table).Where(t => t != TagTemplate).Distinct();

    public static string CreateTable(string table, RegistryGeneration generation, bool postgres, IReadOnlyList<string>? dimensions = null)
    {
        Gen gen = generation == RegistryGeneration.NameKey2022 ? Gen.Legacy : Gen.Current;
        Db db = postgres ? Db.Postgres : Db.Sqlite;
        string template = table.StartsWith("dataset_tags_", StringComparison.Ordinal) ? TagTemplate : table;
        var columns = Columns.Where(c => c.Table == template && c.Gen.HasFlag(gen) && c.Db.HasFlag(db)).ToList();
        columns.AddRange((dimensions ?? []).Select(d => new Column(table, d, DimensionType(d), NotNull: true)));
        var sql = new StringBuilder($"CREATE TABLE \"{table}\" (");
        sql.AppendJoin(", ", columns.Select(c => $"\"{c.Name}\" {SqlType(c.Type, gen, postgres)}{(c.NotNull || c.Key ? " NOT NULL" : "")}"));
        sql.Append(", PRIMARY KEY (").AppendJoin(", ", columns.Where(c => c.Key).Select(c => $"\"{c.Name}\"")).Append("))");
        return sql.ToString();
    }

    private static string SqlType(ColType type, Gen gen, bool postgres) => type switch
    {
        ColType.Text => "TEXT",
        ColType.Name64 => "VARCHAR(64)",
        ColType.Name128 => gen == Gen.Legacy && !postgres ? "TEXT" : "VARCHAR(128)",
        ColType.Short32 => gen == Gen.Legacy ? "VARCHAR(16)" : "VARCHAR(32)",
        ColType.BigInt => "BIGINT",
        ColType.SmallInt => "SMALLINT",
        ColType.DatasetId => postgres ? "UUID" : "CHAR(32)",
        ColType.Timestamp => "TIMESTAMP",
        ColType.TaiNs => "BIGINT",
        ColType.Float => "DOUBLE PRECISION",
        ColType.Int8Range => "INT8RANGE",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
