using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Params;

/// <summary>
/// A parameter YAML of the original tool (a flat mapping). Reads typed fields with errors naming file and field,
/// and reports the keys nobody asked for so typos are visible.
/// </summary>
public sealed class ParamFile
{
    private const string NotMapping = "expected a mapping of parameter names to values";
    private readonly Dictionary<string, YamlNode> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private ParamFile(string path, Dictionary<string, YamlNode> values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public static ParamFile Load(string path) =>
        new(path, YamlFile.Fields(YamlFile.LoadMapping(path, "parameter file not found", NotMapping)));

    public static ParamFile Parse(string path, TextReader reader) =>
        new(path, YamlFile.Fields(YamlFile.ParseMapping(path, reader.ReadToEnd(), NotMapping)));

    /// <summary>Keys present in the file that no reader asked for.</summary>
    public IEnumerable<string> UnusedKeys => _values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal);

    public bool Has(string field) => _values.ContainsKey(field);

    /// <summary>An issue key (<see cref="Domain.IssueKey"/>), upper-cased.</summary>
    public string RequiredIssueKey(string field)
    {
        string text = RequiredString(field);
        return Domain.IssueKey.TryParse(text, out var key) ? key.Value : throw Error(field, Domain.IssueKey.Problem(text.Trim()));
    }

    public string RequiredString(string field) =>
        OptionalString(field) is { Length: > 0 } value ? value : throw Error(field, "is required and must be a non-empty string");

    public string? OptionalString(string field)
    {
        _used.Add(field);
        if (!_values.TryGetValue(field, out var node) || YamlScalars.IsNull(node))
        {
            return null;
        }
        return node is YamlScalarNode scalar ? scalar.Value : throw Error(field, "must be a single value, not a list or mapping");
    }

    /// <summary>A list of strings; a single scalar is accepted as a one-element list.</summary>
    public IReadOnlyList<string> RequiredStringList(string field)
    {
        _used.Add(field);
        if (!_values.TryGetValue(field, out var node) || YamlScalars.IsNull(node))
        {
            throw Error(field, "is required (a list of strings)");
        }
        List<string> items = node switch
        {
            YamlScalarNode { Value: { } v } => [v],
            YamlSequenceNode seq => seq.Children.Select((c, i) => c is YamlScalarNode { Value: { } s } && s.Length > 0
                ? s
                : throw YamlFile.Error(Path, c, $"{field}[{i}]", "must be a non-empty string")).ToList(),
            _ => throw Error(field, "must be a list of strings"),
        };
        return items.Count > 0 ? items : throw Error(field, "must not be empty");
    }

    public IReadOnlyList<string> OptionalStringList(string field) =>
        !_values.TryGetValue(field, out var node) || YamlScalars.IsNull(node) ? MarkUsed(field) : RequiredStringList(field);

    public int OptionalInt(string field, int defaultValue, int min = int.MinValue)
    {
        string? text = OptionalString(field);
        if (text is null)
        {
            return defaultValue;
        }
        if (!YamlScalars.TryInt(text, out int value))
        {
            throw Error(field, $"must be a whole number (got '{text}')");
        }
        return value >= min ? value : throw Error(field, $"must be at least {min} (got {value})");
    }

    public double OptionalDouble(string field, double defaultValue)
    {
        string? text = OptionalString(field);
        if (text is null)
        {
            return defaultValue;
        }
        return YamlScalars.TryDouble(text, out double d)
            ? d
            : throw Error(field, $"must be a number (got '{text}')");
    }

    public DateOnly RequiredDate(string field) =>
        OptionalDate(field) ?? throw Error(field, "is required (a date YYYY-MM-DD)");

    public DateOnly? OptionalDate(string field)
    {
        string? text = OptionalString(field);
        if (text is null)
        {
            return null;
        }
        return YamlScalars.TryDate(text, out var date)
            ? date
            : throw Error(field, $"must be a date YYYY-MM-DD (got '{text}')");
    }

    /// <summary>The one-line error about a field, with the line of its value when the file has one.</summary>
    public UserInputException Error(string field, string problem) => YamlFile.Error(Path, _values.GetValueOrDefault(field), field, problem);

    private List<string> MarkUsed(string field)
    {
        _used.Add(field);
        return [];
    }
}
