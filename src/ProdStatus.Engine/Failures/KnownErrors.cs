using System.Globalization;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Failures;

/// <summary>
/// Rubin's table of known PanDA/pipeline errors, in the format of lsst-dm/cm_tools
/// <c>error_code_decisions.yaml</c>: <c>pandaErrorCode</c> maps <c>"source, code"</c> (<c>pilot, 1305</c>,
/// <c>trans, 137</c>) to named entries with a <c>diagMessage</c> pattern, the pipeline <c>function</c>, Jira
/// <c>ticket</c>s and <c>known</c>/<c>resolved</c>/<c>rescue</c>/<c>panda</c> flags.
/// </summary>
public sealed partial class KnownErrors
{
    private readonly Dictionary<(string Source, long Code), List<KnownError>> _bySource;

    private KnownErrors(IReadOnlyList<KnownError> entries)
    {
        Entries = entries;
        _bySource = entries.GroupBy(e => (e.Source, e.Code)).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>No known errors: every failure is new.</summary>
    public static KnownErrors None { get; } = new([]);

    public IReadOnlyList<KnownError> Entries { get; }

    /// <summary>The first entry (in file order) whose source and code the job carries and whose pattern its diagnostics match.</summary>
    public KnownError? Match(FailedJob job)
    {
        if (_bySource.Count == 0)
        {
            return null;
        }
        string diags = Normalize(job.AllDiags);
        foreach (var error in job.Errors())
        {
            if (_bySource.TryGetValue((error.Source, error.Code), out var entries))
            {
                var hit = entries.FirstOrDefault(e => e.Matches(diags));
                if (hit is not null)
                {
                    return hit;
                }
            }
        }
        return null;
    }

    public static KnownErrors Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read the known-errors file: {ex.Message}", ex);
        }
        return Parse(path, text);
    }

    /// <summary>Parses the file; every error names the file and the entry.</summary>
    public static KnownErrors Parse(string label, string text)
    {
        var root = YamlFile.ParseMapping(label, text, "expected a YAML mapping with 'pandaErrorCode'");
        if (!root.Children.TryGetValue(new YamlScalarNode("pandaErrorCode"), out var table) || table is not YamlMappingNode codes)
        {
            throw new UserInputException($"{label}: 'pandaErrorCode' is missing or not a mapping");
        }
        var entries = new List<KnownError>();
        foreach (var (keyNode, value) in codes.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            var (source, code) = SourceAndCode(label, key);
            if (value is not YamlMappingNode named)
            {
                throw new UserInputException($"{label}: pandaErrorCode.'{key}': expected named entries");
            }
            foreach (var (nameNode, entryNode) in named.Children)
            {
                string name = (nameNode as YamlScalarNode)?.Value ?? "";
                entries.Add(ParseEntry($"{label}: pandaErrorCode.'{key}'.{name}", source, code, name, entryNode));
            }
        }
        return new KnownErrors(entries);
    }

    private static (string Source, long Code) SourceAndCode(string label, string key)
    {
        string[] parts = key.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0 ||
            !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long code))
        {
            throw new UserInputException($"{label}: pandaErrorCode key '{key}' is not '<source>, <code>' (e.g. 'pilot, 1305')");
        }
        return (parts[0].ToLowerInvariant(), code);
    }

    private static KnownError ParseEntry(string where, string source, long code, string name, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw new UserInputException($"{where}: expected a mapping");
        }
        string pattern = Scalar(map, "diagMessage")?.Trim() ?? throw new UserInputException($"{where}: 'diagMessage' is required");
        if (pattern.Length == 0)
        {
            throw new UserInputException($"{where}: 'diagMessage' is empty");
        }
        var tickets = map.Children.TryGetValue(new YamlScalarNode("ticket"), out var t) ? t switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
            YamlScalarNode { Value: { Length: > 0 } one } => [one],
            _ => [],
        } : [];
        string? function = Scalar(map, "function");
        return new KnownError(source, code, name, pattern, string.IsNullOrWhiteSpace(function) ? null : function.Trim(), tickets,
            Flag(where, map, "known", true), Flag(where, map, "resolved", false), Flag(where, map, "rescue", false),
            Flag(where, map, "panda", false), CompileOrNull(Normalize(pattern)));
    }

    private static bool Flag(string where, YamlMappingNode map, string key, bool absent) => Scalar(map, key) switch
    {
        null or "" => absent,
        "0" or "false" or "False" => false,
        "1" or "true" or "True" => true,
        var other => throw new UserInputException($"{where}: '{key}' must be 0 or 1 (got '{other}')"),
    };

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>Patterns are regular expressions (<c>{.*}</c> and <c>(.*)</c> stand for the variable parts); one that .NET cannot compile is matched as literal text.</summary>
    private static Regex? CompileOrNull(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Folded strings join lines with spaces and diagnostics wrap: compare with runs of white space as one space.</summary>
    internal static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}

/// <summary>One named entry of the known-errors file.</summary>
/// <param name="Function">The pipeline task the entry is about; null when the file leaves it empty.</param>
/// <param name="Rescue">A rescue submission is expected to get past it.</param>
public sealed record KnownError(
    string Source,
    long Code,
    string Name,
    string DiagMessage,
    string? Function,
    IReadOnlyList<string> Tickets,
    bool Known,
    bool Resolved,
    bool Rescue,
    bool Panda,
    Regex? Pattern)
{
    /// <summary>How reports show it: <c>known (DM-37089)</c>, <c>known (DM-1, DM-2)</c> or <c>known</c>.</summary>
    public string Label => LabelFor(Name, Tickets);

    /// <summary>The label of a failure that matched entry <paramref name="name"/> (null: <c>new</c>).</summary>
    public static string LabelFor(string? name, IReadOnlyList<string> tickets) =>
        name is null ? "new" : tickets.Count > 0 ? $"known ({string.Join(", ", tickets)})" : "known";

    internal bool Matches(string normalizedDiags)
    {
        if (normalizedDiags.Contains(KnownErrors.Normalize(DiagMessage), StringComparison.Ordinal))
        {
            return true;
        }
        try
        {
            return Pattern is not null && Pattern.IsMatch(normalizedDiags);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
