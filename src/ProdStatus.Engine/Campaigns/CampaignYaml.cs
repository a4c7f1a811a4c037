using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Campaigns;

/// <summary>Reads and writes <see cref="CampaignSpec"/> in the original's layout (<c>issue</c>, <c>name</c>, <c>steps</c> list).</summary>
public static class CampaignYaml
{
    private static readonly string[] Known = ["issue", "name", "steps"];
    private static readonly string[] KnownStep = ["campaign_issue", "issue_name", "name", "split_bands", "workflow_base"];

    public static CampaignSpec Load(string path) => Read(path, YamlFile.LoadMapping(path));

    public static CampaignSpec Parse(string label, byte[] content) => Read(label, YamlFile.ParseMapping(label, content));

    public static string Write(CampaignSpec spec)
    {
        var steps = new YamlSequenceNode(spec.Steps.Select(s => (YamlNode)YamlDoc.Map(s.Extra.Concat(
        [
            new("campaign_issue", YamlDoc.Text(s.CampaignIssue)),
            new("issue_name", YamlDoc.Text(s.IssueName)),
            new("name", YamlDoc.Text(s.Name)),
            new("split_bands", YamlDoc.Bool(s.SplitBands)),
            new("workflow_base", YamlDoc.Text(s.WorkflowBase)),
        ]))));
        return YamlDoc.Emit(YamlDoc.Map(spec.Extra.Concat(
        [
            new("issue", YamlDoc.Text(spec.Issue)),
            new("name", YamlDoc.Text(spec.Name)),
            new("steps", steps),
        ])));
    }

    private static CampaignSpec Read(string file, YamlMappingNode root)
    {
        var fields = new YamlFields(file, "", root);
        string? name = fields.Text("name");
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            name = null;
        }
        var steps = new List<CampaignStep>();
        switch (fields.Node("steps"))
        {
            case null:
                break;
            case YamlSequenceNode list:
                for (int i = 0; i < list.Children.Count; i++)
                {
                    steps.Add(ReadStep(file, i, list.Children[i]));
                }
                break;
            default:
                throw fields.Error("steps", "must be a list of step entries (name, issue_name, workflow_base, ...)");
        }
        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw UserInputException.ForField(file, "steps", $"step '{duplicate.Key}' is listed twice");
        }
        return new CampaignSpec(name, fields.IssueKey("issue"), steps, fields.Extra(Known));
    }

    private static CampaignStep ReadStep(string file, int index, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlFile.Error(file, node, $"steps[{index}]", "must be a mapping (name, issue_name, workflow_base, ...)");
        }
        var fields = new YamlFields(file, $"steps[{index}].", map);
        string? name = fields.Text("name");
        if (!StepNames.IsValid(name))
        {
            throw fields.Error("name", name is null ? "is required" : $"'{name}' is not a step name (one word, no '/')");
        }
        return new CampaignStep(name!, fields.IssueKey("issue_name"), fields.IssueKey("campaign_issue"), fields.Bool("split_bands", false),
            fields.Text("workflow_base") ?? "", fields.Extra(KnownStep));
    }
}
