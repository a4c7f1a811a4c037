using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// What get-butler-stat needs from a repository's <c>butler.yaml</c>: the registry database URL, its PostgreSQL
/// schema (<c>registry.namespace</c>) and the datastore root, with <c>&lt;butlerRoot&gt;</c> (the folder holding
/// <c>butler.yaml</c>) expanded.
/// </summary>
/// <param name="Source">Where <c>butler.yaml</c> was read (for messages).</param>
public sealed record ButlerRepositoryConfig(string Source, string ButlerRoot, string RegistryDb, string? Namespace, string DatastoreRoot)
{
    private const string RootToken = "<butlerRoot>";

    /// <summary>The location of <c>butler.yaml</c> for a parameter value naming the file or its folder.</summary>
    public static string ConfigLocation(string butler)
    {
        string trimmed = butler.TrimEnd('/');
        if (trimmed.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || trimmed.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return trimmed;
        }
        return trimmed + "/butler.yaml";
    }

    public static ButlerRepositoryConfig Parse(string source, string text)
    {
        var root = YamlFile.ParseMapping(source, text, "expected a Butler configuration mapping");
        int cut = source.LastIndexOf('/');
        string butlerRoot = cut > 0 ? source[..cut] : ".";
        var registry = Child(root, "registry") as YamlMappingNode;
        string db = Scalar(source, registry, "registry.db") ?? $"sqlite:///{RootToken}/gen3.sqlite3";
        string? ns = Scalar(source, registry, "registry.namespace");
        var datastore = Child(root, "datastore") as YamlMappingNode;
        string datastoreRoot = Scalar(source, datastore, "datastore.root") ?? ChainedRoot(source, datastore) ?? RootToken;
        return new ButlerRepositoryConfig(source, butlerRoot, Expand(db, butlerRoot), ns, Expand(datastoreRoot, butlerRoot).TrimEnd('/'));
    }

    /// <summary>A chained datastore: the first member that has a root (the file datastore).</summary>
    private static string? ChainedRoot(string source, YamlMappingNode? datastore)
    {
        if (Child(datastore, "datastores") is not YamlSequenceNode members)
        {
            return null;
        }
        foreach (var member in members.Children.OfType<YamlMappingNode>())
        {
            var inner = Child(member, "datastore") as YamlMappingNode ?? member;
            if (Scalar(source, inner, "datastore.datastores[].root") is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private static string Expand(string value, string butlerRoot) => value.Replace(RootToken, butlerRoot, StringComparison.Ordinal);

    private static YamlNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(string source, YamlMappingNode? node, string field)
    {
        var child = Child(node, field[(field.LastIndexOf('.') + 1)..]);
        return child switch
        {
            null => null,
            YamlScalarNode { Tag.IsEmpty: false } tagged when tagged.Tag.Value.Contains("include", StringComparison.Ordinal) =>
                throw UserInputException.ForField(source, field, "!include is not supported; write the value into butler.yaml"),
            YamlScalarNode { Value: { Length: > 0 } v } => v.Trim(),
            YamlScalarNode => null,
            _ => throw UserInputException.ForField(source, field, "must be a single value"),
        };
    }
}
