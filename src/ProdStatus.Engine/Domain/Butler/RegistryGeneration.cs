namespace ProdStatus.Engine.Domain.Butler;

/// <summary>Which registry schema a repository uses, from <c>butler_attributes</c>.</summary>
public enum RegistryGeneration
{
    /// <summary>2022: NameKey collections (<c>dataset.run_name</c>, <c>collection_name</c>), <c>ingest_date TIMESTAMP</c>.</summary>
    NameKey2022,

    /// <summary>Current default: SynthIntKey collections (<c>dataset.run_id</c>, <c>collection_id</c>), TAI-ns ingest dates.</summary>
    SynthIntKey,
}

/// <summary>A collection of the registry. <paramref name="Key"/> is its name (NameKey) or its integer id (SynthIntKey).</summary>
public sealed record ButlerCollection(object Key, string Name, int Type)
{
    public const int Run = 1;
    public const int Tagged = 2;
    public const int Chained = 3;
}

/// <summary>A <c>&lt;label&gt;_metadata</c> dataset type.</summary>
public sealed record MetadataDatasetType(long Id, string Name, string Label, string TagTable);

/// <summary>One registered metadata dataset of a RUN, with its data ID and file record (null path: no file).</summary>
public sealed record MetadataDataset(string Id, string Label, IReadOnlyDictionary<string, object?> DataId, string? Path, string? Formatter, DateTimeOffset? IngestUtc);
