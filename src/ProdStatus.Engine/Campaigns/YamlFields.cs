using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Campaigns;

/// <summary>Typed reads from one mapping of a campaign or step yaml; errors name the file and the field path.</summary>
/// <param name="prefix">Path of this mapping inside the file, e.g. <c>steps[2].</c> or <c>workflows.step1_all_1.</c>.</param>
internal sealed class YamlFields(string file, string prefix, YamlMappingNode map)
{
    private readonly Dictionary<string, YamlNode> _values = YamlFile.Fields(map);

    public YamlNode? Node(string field) => _values.TryGetValue(field, out var node) && !YamlScalars.IsNull(node) ? node : null;

    public string? Text(string field) => Node(field) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw Error(field, "must be a single value, not a list or mapping"),
    };

    /// <summary>An issue key (lower case accepted); null, <c>''</c> and absent all mean "none yet".</summary>
    public string? IssueKey(string field)
    {
        string? text = Text(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return Domain.IssueKey.TryParse(text, out var key) ? key.Value : throw Error(field, Domain.IssueKey.Problem(text));
    }

    public bool Bool(string field, bool defaultValue)
    {
        var node = Node(field);
        if (node is null)
        {
            return defaultValue;
        }
        return node is YamlScalarNode { Value: { } v } s && s.Style is ScalarStyle.Plain or ScalarStyle.Any
            ? YamlScalars.TryBool(v, out bool value) ? value : throw Error(field, $"must be true or false (got '{v}')")
            : throw Error(field, "must be true or false");
    }

    /// <summary>The entries this reader does not model, kept so a round trip loses nothing.</summary>
    public IReadOnlyDictionary<string, YamlNode> Extra(params string[] known) =>
        _values.Where(kv => !known.Contains(kv.Key, StringComparer.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>The one-line error about a field, with the line of its value when the file has one.</summary>
    public UserInputException Error(string field, string problem) => YamlFile.Error(file, _values.GetValueOrDefault(field), prefix + field, problem);
}

/// <summary>Step and workflow names become file names and Jira summaries: one word, no path separators.</summary>
internal static class StepNames
{
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && !name.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\' or ':');
}
