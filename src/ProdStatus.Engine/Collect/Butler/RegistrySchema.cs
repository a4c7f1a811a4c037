using System.Data.Common;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Detects the schema generation from <c>butler_attributes</c>: the collections manager class
/// (<c>NameKeyCollectionManager</c> or <c>SynthIntKeyCollectionManager</c>) and the datasets manager's schema
/// version (1.x: TIMESTAMP ingest dates; 2.x: TAI nanoseconds). Anything else is an error naming the attribute.
/// </summary>
internal static class RegistrySchema
{
    public const string CollectionsAttribute = "config:registry.managers.collections";
    public const string DatasetsVersionPrefix = "version:lsst.daf.butler.registry.datasets.byDimensions";

    public sealed record Detected(RegistryGeneration Generation, bool TaiIngestDates, string DatasetsVersion);

    public static async Task<Detected> DetectAsync(DbConnection connection, string source, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var command = connection.Command("SELECT name, value FROM butler_attributes");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                attributes[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
            }
        }
        catch (DbException ex)
        {
            throw new UserInputException($"{source}: registry has no readable butler_attributes table, so it is not a Butler registry ({ex.Message})", ex);
        }
        return Detect(attributes, source);
    }

    public static Detected Detect(IReadOnlyDictionary<string, string> attributes, string source)
    {
        string collections = attributes.GetValueOrDefault(CollectionsAttribute)
            ?? throw new UserInputException($"{source}: butler_attributes has no '{CollectionsAttribute}'");
        RegistryGeneration generation =
            collections.EndsWith(".NameKeyCollectionManager", StringComparison.Ordinal) ? RegistryGeneration.NameKey2022
            : collections.EndsWith(".SynthIntKeyCollectionManager", StringComparison.Ordinal) ? RegistryGeneration.SynthIntKey
            : throw new UserInputException(
                $"{source}: butler_attributes '{CollectionsAttribute}' = '{collections}' is not supported (expected NameKeyCollectionManager or SynthIntKeyCollectionManager)");
        var version = attributes.Where(kv => kv.Key.StartsWith(DatasetsVersionPrefix, StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
        if (version.Key is null)
        {
            throw new UserInputException($"{source}: butler_attributes has no '{DatasetsVersionPrefix}…' schema version");
        }
        bool tai = version.Value.Split('.')[0] switch
        {
            "1" => false,
            "2" => true,
            _ => throw new UserInputException(
                $"{source}: butler_attributes '{version.Key}' = '{version.Value}' is not a supported datasets schema version (1.x or 2.x)"),
        };
        return new Detected(generation, tai, version.Value);
    }
}
