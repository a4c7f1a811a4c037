using System.Globalization;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Failures;

/// <summary>
/// The failure-cause rules: data in one file (<c>Failures/failure-rules.yaml</c>, embedded), evaluated in order,
/// first match wins. <see cref="Classify"/> is pure.
/// </summary>
public sealed partial class FailureRules
{
    private static readonly string[] Sources = ["pilot", "exe", "trans", "ddm", "brokerage", "taskbuffer", "sup", "jobdispatcher"];
    private static readonly Lazy<FailureRules> Embedded = new(LoadEmbedded);

    private FailureRules(IReadOnlyList<FailureRule> rules) => Rules = rules;

    public IReadOnlyList<FailureRule> Rules { get; }

    /// <summary>The rules shipped with the engine.</summary>
    public static FailureRules Default => Embedded.Value;

    /// <summary>Classifies one failed or cancelled attempt.</summary>
    public FailureClassification Classify(FailedJob job)
    {
        var errors = job.Errors().ToList();
        string diags = job.AllDiags;
        foreach (var rule in Rules)
        {
            if (rule.Matches(job, errors, diags, out var matched))
            {
                var primary = matched ?? errors.FirstOrDefault();
                string code = primary.Source is null ? "" : primary.ToString();
                return new FailureClassification(rule.Cause, rule.Name, code, Message(rule.Cause, job, primary, diags), rule.Uncertain);
            }
        }
        var first = errors.FirstOrDefault();
        string unknownCode = first.Source is null ? $"status {job.Status}" : first.ToString();
        return new FailureClassification(FailureCause.Unknown, "no-rule", unknownCode, Message(FailureCause.Unknown, job, first, diags), null);
    }

    /// <summary>Parses a rules file; errors name the file and the rule.</summary>
    public static FailureRules Parse(string label, string text)
    {
        const string Expected = "expected a mapping with a 'rules' list";
        var root = YamlFile.ParseMapping(label, text, Expected);
        if (YamlFile.Get(root, "rules") is not YamlSequenceNode sequence)
        {
            throw new UserInputException($"{label}: {Expected}");
        }
        var rules = new List<FailureRule>();
        foreach (var node in sequence.Children)
        {
            rules.Add(ParseRule(label, rules.Count + 1, node));
        }
        var duplicate = rules.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UserInputException($"{label}: rule name '{duplicate.Key}' is used twice");
        }
        return new FailureRules(rules);
    }

    private static FailureRule ParseRule(string label, int index, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw new UserInputException($"{label}: rule {index}: expected a mapping");
        }
        string Where() => $"{label}: rule {index}";
        string? name = Scalar(map, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new UserInputException($"{Where()}: 'name' is required");
        }
        string where = $"{label}: rule '{name}'";
        string causeKey = Scalar(map, "cause") ?? throw new UserInputException($"{where}: 'cause' is required");
        if (!FailureCauses.TryParse(causeKey, out var cause))
        {
            throw new UserInputException($"{where}: cause '{causeKey}' is not one of {FailureCauses.AllKeys}");
        }
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value))
        {
            if (key is not ("name" or "cause" or "status" or "codes" or "diag" or "rssOfRequest" or "uncertain" or "note"))
            {
                throw new UserInputException($"{where}: unknown key '{key}'");
            }
        }
        var statuses = map.Children.TryGetValue(new YamlScalarNode("status"), out var s) ? List(where, "status", s) : [];
        var codes = new Dictionary<string, HashSet<long>?>(StringComparer.Ordinal);
        if (map.Children.TryGetValue(new YamlScalarNode("codes"), out var c))
        {
            if (c is not YamlMappingNode codeMap)
            {
                throw new UserInputException($"{where}: 'codes' must map sources to lists");
            }
            foreach (var (k, v) in codeMap.Children)
            {
                string source = ((YamlScalarNode)k).Value ?? "";
                if (!Sources.Contains(source))
                {
                    throw new UserInputException($"{where}: code source '{source}' is not one of {string.Join(", ", Sources)}");
                }
                var values = List(where, $"codes.{source}", v);
                codes[source] = values.Contains("any") ? null : values.Select(x => long.TryParse(x, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)
                    ? n : throw new UserInputException($"{where}: codes.{source}: '{x}' is not a number or 'any'")).ToHashSet();
            }
        }
        Regex? diag = null;
        if (Scalar(map, "diag") is { Length: > 0 } pattern)
        {
            try
            {
                diag = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw new UserInputException($"{where}: diag is not a valid regular expression: {ex.Message}", ex);
            }
        }
        double? rss = null;
        if (Scalar(map, "rssOfRequest") is { } r)
        {
            rss = double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0
                ? v : throw new UserInputException($"{where}: rssOfRequest must be a positive number (got '{r}')");
        }
        if (statuses.Count == 0 && codes.Count == 0 && diag is null && rss is null)
        {
            throw new UserInputException($"{where}: a rule needs at least one of status, codes, diag, rssOfRequest");
        }
        return new FailureRule(name, cause, statuses, codes, diag, rss, Scalar(map, "uncertain"));
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static List<string> List(string where, string key, YamlNode node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(n => (n as YamlScalarNode)?.Value ?? throw new UserInputException($"{where}: {key}: expected plain values")).ToList(),
        YamlScalarNode scalar when scalar.Value is { } v => [v],
        _ => throw new UserInputException($"{where}: {key}: expected a list"),
    };

    private static FailureRules LoadEmbedded()
    {
        const string resource = "ProdStatus.Engine.Failures.failure-rules.yaml";
        using var stream = typeof(FailureRules).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return Parse("failure-rules.yaml", reader.ReadToEnd());
    }

    private static string Message(FailureCause cause, FailedJob job, ErrorField primary, string diags)
    {
        if (cause == FailureCause.Pipeline && ExceptionLine(diags) is { } line)
        {
            return line;
        }
        string? diag = primary.Diag is { Length: > 0 } d && !string.IsNullOrWhiteSpace(d) ? d : diags.Split('\n')[0];
        return string.IsNullOrWhiteSpace(diag) ? (primary.Source is null ? job.Status : primary.ToString()) : diag.Trim();
    }

    /// <summary>
    /// The Python exception line of a diagnostic: the last <c>SomeError: message</c> in it (a traceback ends with it;
    /// Rubin's one-line form is <c>Execution of task 'x' on quantum {…} failed. Exception RuntimeError: …</c>).
    /// </summary>
    public static string? ExceptionLine(string diags)
    {
        Match? last = null;
        foreach (Match m in ExceptionPattern().Matches(diags))
        {
            last = m;
        }
        return last?.Value.Trim();
    }

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b:[^\n]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExceptionPattern();
}

/// <summary>One rule of <c>failure-rules.yaml</c>.</summary>
/// <param name="Codes">Error codes per source; a null set means any non-zero code of that source.</param>
public sealed record FailureRule(
    string Name,
    FailureCause Cause,
    IReadOnlyList<string> Statuses,
    IReadOnlyDictionary<string, HashSet<long>?> Codes,
    Regex? Diag,
    double? RssOfRequest,
    string? Uncertain)
{
    internal bool Matches(FailedJob job, IReadOnlyList<ErrorField> errors, string diags, out ErrorField? matched)
    {
        matched = null;
        if (Statuses.Count > 0 && !Statuses.Contains(job.Status, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }
        if (Codes.Count > 0)
        {
            foreach (var error in errors)
            {
                if (Codes.TryGetValue(error.Source, out var set) && (set is null || set.Contains(error.Code)))
                {
                    matched = error;
                    break;
                }
            }
            if (matched is null)
            {
                return false;
            }
        }
        if (RssOfRequest is { } min && !(job.RssOfRequest >= min))
        {
            return false;
        }
        return Diag is null || (diags.Length > 0 && Diag.IsMatch(diags));
    }
}

/// <summary>What a failed attempt was classified as.</summary>
/// <param name="Rule">The rule that matched (<c>no-rule</c> for unknown).</param>
/// <param name="Code">The error that decided it, <c>pilot 1212</c>; empty when none was set.</param>
/// <param name="Message">The exception line for pipeline errors, else the deciding diagnostic.</param>
/// <param name="Uncertain">The rule's own note on what else the code can mean.</param>
public sealed record FailureClassification(FailureCause Cause, string Rule, string Code, string Message, string? Uncertain);
