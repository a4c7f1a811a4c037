using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Campaigns;

/// <summary>
/// Reads and writes <see cref="StepSpec"/>. Both of the original's workflow shapes are read: <c>bps_dir</c> holding the
/// submit yaml's path (create-step-yaml) and <c>bps_dir</c> a folder with <c>bps_config</c> a file name or full path
/// (update-step). Written back, <c>bps_dir</c> is always the folder and <c>bps_config</c> the file name.
/// </summary>
public static class StepYaml
{
    private static readonly string[] Known = ["campaign_issue", "issue_name", "name", "workflow_base", "workflows"];
    private static readonly string[] KnownWorkflow = ["band", "bps_config", "bps_dir", "issue_name", "name"];

    public static StepSpec Load(string path) => Read(path, YamlFile.LoadMapping(path));

    public static StepSpec Parse(string label, byte[] content) => Read(label, YamlFile.ParseMapping(label, content));

    public static string Write(StepSpec spec)
    {
        var workflows = YamlDoc.Map(spec.Workflows.Select(w => new KeyValuePair<string, YamlNode>(w.Name, YamlDoc.Map(w.Extra.Concat(
            Optional("band", w.Band).Concat(Optional("issue_name", w.IssueName)).Concat(
            [
                new("bps_config", YamlDoc.Text(w.BpsConfig)),
                new("bps_dir", YamlDoc.Text(w.BpsDir)),
                new("name", YamlDoc.Text(w.Name)),
            ]))))));
        return YamlDoc.Emit(YamlDoc.Map(spec.Extra.Concat(
        [
            new("campaign_issue", YamlDoc.Text(spec.CampaignIssue)),
            new("issue_name", YamlDoc.Text(spec.IssueName)),
            new("name", YamlDoc.Text(spec.Name)),
            new("workflow_base", YamlDoc.Text(spec.WorkflowBase)),
            new("workflows", workflows),
        ])));
    }

    private static IEnumerable<KeyValuePair<string, YamlNode>> Optional(string key, string? value) =>
        value is null ? [] : [new(key, YamlDoc.Text(value))];

    private static StepSpec Read(string file, YamlMappingNode root)
    {
        var fields = new YamlFields(file, "", root);
        string? name = fields.Text("name");
        if (name is not null && !StepNames.IsValid(name))
        {
            throw fields.Error("name", $"'{name}' is not a step name (one word, no '/')");
        }
        string workflowBase = fields.Text("workflow_base") ?? "";
        var workflows = new List<WorkflowEntry>();
        switch (fields.Node("workflows"))
        {
            case null:
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    workflows.Add(ReadWorkflow(file, key is YamlScalarNode { Value: { } k } ? k : "", value, workflowBase));
                }
                break;
            default:
                throw fields.Error("workflows", "must be a mapping of workflow names to entries (bps_dir, bps_config, ...)");
        }
        return new StepSpec(name, fields.IssueKey("issue_name"), fields.IssueKey("campaign_issue"), workflowBase, workflows, fields.Extra(Known));
    }

    private static WorkflowEntry ReadWorkflow(string file, string name, YamlNode node, string workflowBase)
    {
        if (!StepNames.IsValid(name))
        {
            throw Errors.UserInputException.ForField(file, "workflows", $"'{name}' is not a workflow name (one word, no '/')");
        }
        var entry = node as YamlMappingNode ?? (YamlScalars.IsNull(node) ? new YamlMappingNode()
            : throw YamlFile.Error(file, node, $"workflows.{name}", "must be a mapping (bps_dir, bps_config, ...)"));
        var fields = new YamlFields(file, $"workflows.{name}.", entry);
        string dir = fields.Text("bps_dir") ?? "";
        string config = fields.Text("bps_config") ?? "";
        if (Path.IsPathRooted(config) || config.Contains('/', StringComparison.Ordinal))
        {
            // update-step wrote the full path here: the path decides the folder.
            dir = Path.IsPathRooted(config) ? Path.GetDirectoryName(config) ?? dir : Path.Combine(dir.Length > 0 ? dir : workflowBase, Path.GetDirectoryName(config) ?? "");
            config = Path.GetFileName(config);
        }
        else if (config.Length == 0 && IsYamlFile(dir))
        {
            // create-step-yaml wrote the submit yaml's own path into bps_dir.
            config = Path.GetFileName(dir);
            dir = Path.GetDirectoryName(dir) ?? "";
        }
        if (dir.Length == 0)
        {
            dir = workflowBase;
        }
        if (config.Length == 0)
        {
            config = name + ".yaml";
        }
        return new WorkflowEntry(name, Path.TrimEndingDirectorySeparator(dir), config, fields.Text("band"), fields.IssueKey("issue_name"),
            fields.Extra(KnownWorkflow));
    }

    private static bool IsYamlFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
