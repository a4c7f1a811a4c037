using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Drp;

/// <summary>
/// The (step, task) rows of a DRP issue from the pipeline yaml's <c>subsets</c> (the original looked for
/// <c>subset</c> and never found any). <c>pipelineYaml</c> is <c>path#step1,step2</c> where the path may hold
/// <c>${VAR}</c> anywhere.
/// </summary>
public static partial class PipelineSubsets
{
    /// <summary>Splits <c>path#steps</c> at the last <c>#</c> (as the original's greedy regex did).</summary>
    public static (string Path, string Steps) Split(string pipelineYaml)
    {
        int hash = pipelineYaml.LastIndexOf('#');
        return hash < 0 ? (pipelineYaml, "") : (pipelineYaml[..hash], pipelineYaml[(hash + 1)..]);
    }

    public static string Expand(string path, string file, Func<string, string?> environment) =>
        EnvVar().Replace(path, m => environment(m.Groups[1].Value) is { Length: > 0 } value
            ? value
            : throw UserInputException.ForField(file, "pipelineYaml",
                $"environment variable {m.Groups[1].Value} is not set (needed to read the pipeline's subsets from {path})"));

    /// <param name="lastTask">Appended to each step's tasks: <c>mergeExecutionButler</c> (2022) or <c>finalJob</c>.</param>
    public static IReadOnlyList<(string Step, string Task)> Rows(string pipelineFile, string steps, string lastTask)
    {
        var root = YamlFile.LoadMapping(pipelineFile);
        var byStep = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var stepOfTask = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlFile.Get(root, "subsets") is YamlMappingNode subsets)
        {
            foreach (var (key, value) in subsets.Children)
            {
                string step = ((YamlScalarNode)key).Value ?? "";
                var labels = value switch
                {
                    YamlMappingNode m when YamlFile.Get(m, "subset") is YamlSequenceNode seq => seq,
                    YamlSequenceNode seq => seq,
                    _ => null,
                };
                if (labels is null)
                {
                    continue;
                }
                var tasks = new List<string> { "pipetaskInit" };
                tasks.AddRange(labels.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? ""));
                tasks.Add(lastTask);
                byStep[step] = tasks;
                foreach (string task in tasks)
                {
                    stepOfTask[task] = step;
                }
            }
        }
        var rows = new List<(string, string)>();
        foreach (string wanted in steps.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (byStep.TryGetValue(wanted, out var tasks))
            {
                rows.AddRange(tasks.Select(t => (wanted, t)));
            }
            else if (stepOfTask.TryGetValue(wanted, out string? step))
            {
                rows.Add((step, wanted));
            }
        }
        return rows;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvVar();
}
