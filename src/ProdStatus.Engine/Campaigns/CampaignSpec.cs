using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Campaigns;

/// <summary>
/// A campaign yaml (<c>campaign.yaml</c> on the campaign issue): the campaign's name, its issue and its steps.
/// Entries the tool does not model are kept in <see cref="Extra"/> and written back unchanged.
/// </summary>
public sealed record CampaignSpec(string? Name, string? Issue, IReadOnlyList<CampaignStep> Steps, IReadOnlyDictionary<string, YamlNode> Extra)
{
    public const string AttachmentName = "campaign.yaml";

    public static CampaignSpec Template(string name, string? issue, IEnumerable<string> steps) =>
        new(name, issue, steps.Select(s => new CampaignStep(s, null, issue, false, "", NoExtra)).ToList(), NoExtra);

    internal static IReadOnlyDictionary<string, YamlNode> NoExtra { get; } = new Dictionary<string, YamlNode>();
}

/// <param name="IssueName">The step issue; null until update-campaign or update-step has created it.</param>
/// <param name="WorkflowBase">Folder of the step's bps submit yamls; empty when not known yet.</param>
public sealed record CampaignStep(string Name, string? IssueName, string? CampaignIssue, bool SplitBands, string WorkflowBase,
    IReadOnlyDictionary<string, YamlNode> Extra);

/// <summary>A step yaml (<c>step.yaml</c> on the step issue): the step, its issues and its workflows (one per bps submit yaml).</summary>
public sealed record StepSpec(string? Name, string? IssueName, string? CampaignIssue, string WorkflowBase, IReadOnlyList<WorkflowEntry> Workflows,
    IReadOnlyDictionary<string, YamlNode> Extra)
{
    public const string AttachmentName = "step.yaml";
}

/// <summary>One bps submission of a step.</summary>
/// <param name="BpsDir">Always the folder of the submit yaml (the original also put the file's path here).</param>
/// <param name="BpsConfig">The submit yaml's file name inside <see cref="BpsDir"/>; also its attachment name on the step issue.</param>
public sealed record WorkflowEntry(string Name, string BpsDir, string BpsConfig, string? Band, string? IssueName,
    IReadOnlyDictionary<string, YamlNode> Extra)
{
    public string BpsPath => Path.Combine(BpsDir, BpsConfig);
}
