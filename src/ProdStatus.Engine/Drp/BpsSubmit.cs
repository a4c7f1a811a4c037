using System.Globalization;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Drp;

/// <summary>A <c>bps submit</c> as update-issue describes it: the keyword lines and where its submit directory is.</summary>
public sealed record BpsSubmitInfo(
    IReadOnlyList<string> Lines,
    string Campaign,
    string PipelineYaml,
    string Timestamp,
    string UniqProcName,
    string SubmitDirectory,
    bool HasExecutionButler);

/// <summary>
/// Reads the submit yaml and its submit tree, 2022 layout (<c>.qgraph</c>, execution butler) or current (<c>.qg</c>,
/// none): a file that is absent leaves its lines out instead of crashing.
/// </summary>
public static partial class BpsSubmit
{
    private static readonly string[] TopKeys = ["campaign", "project", "payload", "pipelineYaml", "extraQgraphOptions"];
    private static readonly string[] PayloadKeys = ["payloadName", "butlerConfig", "dataQuery", "inCollection", "sw_image", "output"];
    private static readonly string[] RequiredPayload = ["payloadName", "butlerConfig", "dataQuery", "inCollection", "output"];

    /// <param name="yamlArgument">The path as the user typed it (printed in the description).</param>
    /// <param name="timestamp">A <c>YYYYMMDDTHHMMSSZ</c> (any case), or null for the newest timestamp directory.</param>
    public static BpsSubmitInfo Read(string yamlArgument, string? timestamp)
    {
        string yamlPath = Path.GetFullPath(yamlArgument);
        var root = YamlFile.LoadMapping(yamlPath);
        var lines = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!TopKeys.Contains(key))
            {
                continue;
            }
            if (key == "payload")
            {
                if (value is not YamlMappingNode payload)
                {
                    throw UserInputException.ForField(yamlArgument, "payload", "must be a mapping");
                }
                foreach (string k in PayloadKeys)
                {
                    if (YamlFile.Get(payload, k) is { } v)
                    {
                        values[k] = YamlText.Str(v);
                        lines.Add($"{k}:{values[k]}");
                    }
                }
                continue;
            }
            values[key] = YamlText.Str(value);
            lines.Add($"{key}: {values[key]}");
        }
        foreach (string k in RequiredPayload.Where(k => !values.ContainsKey(k)))
        {
            throw UserInputException.ForField(yamlArgument, $"payload.{k}", "is required");
        }
        string campaign = values.GetValueOrDefault("campaign") ?? throw UserInputException.ForField(yamlArgument, "campaign", "is required");
        string pipelineYaml = values.GetValueOrDefault("pipelineYaml") ?? "";
        string submitRoot = Path.Combine(Path.GetDirectoryName(yamlPath)!, "submit");
        string output = SubmitDirectory.ResolveOutput(submitRoot, Expand(values["output"], values), yamlArgument);
        var (dir, ts) = SubmitDirectory.ResolveRun(Path.Combine(submitRoot, output), timestamp);
        string uniq = (output + "_" + ts).Replace('/', '_');
        lines.Add($"bps_submit_yaml_file: {yamlArgument}");
        bool execButler = AddTreeLines(lines, dir, uniq, Path.GetFileName(yamlPath));
        return new BpsSubmitInfo(lines, campaign, pipelineYaml, ts, uniq, dir, execButler);
    }

    private static bool AddTreeLines(List<string> lines, string dir, string uniq, string yamlName)
    {
        string config = Path.Combine(dir, uniq + "_config.yaml");
        string copy = Path.Combine(dir, yamlName);
        if (File.Exists(config))
        {
            AddConfigLines(lines, YamlFile.LoadMapping(config));
        }
        string? graph = new[] { ".qgraph", ".qg" }.Select(ext => Path.Combine(dir, uniq + ext)).FirstOrDefault(File.Exists);
        if (graph is not null)
        {
            lines.Add($"qgraphsize:{Mb(new FileInfo(graph).Length)}MB");
        }
        string qgOut = Path.Combine(dir, "quantumGraphGeneration.out");
        if (File.Exists(qgOut) && QuantaLine().Match(File.ReadAllText(qgOut)) is { Success: true } m &&
            long.TryParse(m.Groups[1].Value.Trim(), CultureInfo.InvariantCulture, out long quanta) &&
            long.TryParse(m.Groups[2].Value.Trim(), CultureInfo.InvariantCulture, out long tasks))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"nTotalQuanta:{quanta}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"nTotalPanDATasks:{tasks}"));
        }
        string execDb = Path.Combine(dir, "EXEC_REPO-" + uniq, "gen3.sqlite3");
        bool execButler = File.Exists(execDb);
        if (execButler)
        {
            lines.Add($"execbutlersize:{Mb(new FileInfo(execDb).Length)}MB");
        }
        string? start = File.Exists(config) ? config : File.Exists(copy) ? copy : null;
        if (start is not null && File.Exists(qgOut))
        {
            lines.Add($"timeConstructQGraph:{Minutes(File.GetLastWriteTimeUtc(qgOut) - File.GetLastWriteTimeUtc(start))}min");
        }
        if (execButler && File.Exists(qgOut))
        {
            lines.Add($"timeToFillExecButlerDB:{Minutes(File.GetLastWriteTimeUtc(execDb) - File.GetLastWriteTimeUtc(qgOut))}min");
        }
        return execButler;
    }

    private static void AddConfigLines(List<string> lines, YamlMappingNode config)
    {
        foreach (var (keyNode, value) in config.Children)
        {
            switch ((keyNode as YamlScalarNode)?.Value)
            {
                case "bps_defined" when value is YamlMappingNode m:
                    AddSub(lines, m, "operator", "uniqProcName");
                    break;
                case "executionButler" when value is YamlMappingNode m:
                    AddSub(lines, m, "queue");
                    break;
                case "computeSite":
                    lines.Add($"computeSite: {YamlText.Str(value)}");
                    break;
                case "cluster":
                    lines.Add($"cluster: {YamlText.Str(value)}");
                    break;
            }
        }
    }

    private static void AddSub(List<string> lines, YamlMappingNode map, params string[] keys)
    {
        foreach (string k in keys)
        {
            if (YamlFile.Get(map, k) is { } v)
            {
                lines.Add($"{k}:{YamlText.Str(v)}");
            }
        }
    }

    private static string Expand(string text, Dictionary<string, string> values) =>
        values.Aggregate(text, (current, kv) => current.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));

    private static string Mb(long bytes) => OneDecimal(bytes / 1.0e6);

    private static string Minutes(TimeSpan span) => OneDecimal(span.TotalSeconds / 60.0);

    /// <summary>Python's <c>"{:.1f}"</c>: ties go to the even digit (1.25 → 1.2).</summary>
    private static string OneDecimal(double value) =>
        Math.Round(value, 1, MidpointRounding.ToEven).ToString("0.0", CultureInfo.InvariantCulture);

    [GeneratedRegex("QuantumGraph contains (.*) quanta for (.*) task")]
    private static partial Regex QuantaLine();
}
