using System.Globalization;
using ProdStatus.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Params;

/// <summary>
/// A parameter YAML of the original tool (a flat mapping). Reads typed fields with errors naming file and field,
/// and reports the keys nobody asked for so typos are visible.
/// </summary>
public sealed class ParamFile
{
    private readonly Dictionary<string, YamlNode> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private ParamFile(string path, Dictionary<string, YamlNode> values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public static ParamFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: parameter file not found");
        }
        try
        {
            using var reader = new StreamReader(path);
            return Parse(path, reader);
        }
        catch (IOException ex)
        {
            throw new UserInputException($"{path}: cannot read: {ex.Message}", ex);
        }
    }

    public static ParamFile Parse(string path, TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new UserInputException($"{path}: line {ex.Start.Line}: not valid YAML: {FirstLine(ex.Message)}", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UserInputException($"{path}: expected a mapping of parameter names to values");
        }
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                values[name] = value;
            }
        }
        return new ParamFile(path, values);
    }

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
        if (!_values.TryGetValue(field, out var node) || IsNull(node))
        {
            return null;
        }
        return node is YamlScalarNode scalar ? scalar.Value : throw Error(field, "must be a single value, not a list or mapping");
    }

    /// <summary>A list of strings; a single scalar is accepted as a one-element list.</summary>
    public IReadOnlyList<string> RequiredStringList(string field)
    {
        _used.Add(field);
        if (!_values.TryGetValue(field, out var node) || IsNull(node))
        {
            throw Error(field, "is required (a list of strings)");
        }
        List<string> items = node switch
        {
            YamlScalarNode { Value: { } v } => [v],
            YamlSequenceNode seq => seq.Children.Select((c, i) => c is YamlScalarNode { Value: { } s } && s.Length > 0
                ? s
                : throw Error($"{field}[{i}]", "must be a non-empty string")).ToList(),
            _ => throw Error(field, "must be a list of strings"),
        };
        return items.Count > 0 ? items : throw Error(field, "must not be empty");
    }

    public IReadOnlyList<string> OptionalStringList(string field) =>
        !_values.TryGetValue(field, out var node) || IsNull(node) ? MarkUsed(field) : RequiredStringList(field);

    public int OptionalInt(string field, int defaultValue, int min = int.MinValue)
    {
        string? text = OptionalString(field);
        if (text is null)
        {
            return defaultValue;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || d != Math.Floor(d) || d > int.MaxValue || d < int.MinValue)
        {
            throw Error(field, $"must be a whole number (got '{text}')");
        }
        int value = (int)d;
        return value >= min ? value : throw Error(field, $"must be at least {min} (got {value})");
    }

    public double OptionalDouble(string field, double defaultValue)
    {
        string? text = OptionalString(field);
        if (text is null)
        {
            return defaultValue;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
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
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(field, $"must be a date YYYY-MM-DD (got '{text}')");
    }

    public UserInputException Error(string field, string problem) => UserInputException.ForField(Path, field, problem);

    private List<string> MarkUsed(string field)
    {
        _used.Add(field);
        return [];
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
