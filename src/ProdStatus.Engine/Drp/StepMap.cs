using System.Text;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Drp;

/// <summary>
/// The map-drp-steps yaml: step form <c>{bps_yaml_name: DRP-key}</c> or campaign form
/// <c>{step: [issue, start, end, core-hours, status]}</c>, and the tables rendered from it.
/// </summary>
public static class StepMap
{
    public sealed record CampaignEntry(string Step, string Issue, string Start, string End, string CoreHours, string Status);

    public static IReadOnlyList<(string BpsYaml, string Issue)> ReadStepForm(string path)
    {
        var root = YamlFile.LoadMapping(path);
        return root.Children.Select(kv =>
        {
            string name = (kv.Key as YamlScalarNode)?.Value ?? "";
            return kv.Value is YamlScalarNode { Value: { Length: > 0 } issue }
                ? (name, issue.Trim())
                : throw UserInputException.ForField(path, name, "must be a DRP issue key (step form, CAMPAIGN_FLAG 0)");
        }).ToList();
    }

    public static IReadOnlyList<CampaignEntry> ReadCampaignForm(string path)
    {
        var root = YamlFile.LoadMapping(path);
        return root.Children.Select(kv =>
        {
            string step = (kv.Key as YamlScalarNode)?.Value ?? "";
            if (kv.Value is not YamlSequenceNode { Children.Count: 5 } seq || seq.Children.Any(c => c is not YamlScalarNode))
            {
                throw UserInputException.ForField(path, step, "must be [issue, start, end, core-hours, status] (campaign form)");
            }
            var v = seq.Children.Select(YamlText.Str).ToArray();
            return new CampaignEntry(step, v[0], v[1], v[2], v[3], v[4]);
        }).ToList();
    }

    public static string StepTable(IEnumerable<(string BpsYaml, string Issue, DrpIssueInfo Info)> rows, string browseUrl)
    {
        var sb = new StringBuilder(JiraWikiTableWriter.Header("BPS_yaml", "Issue", "(T,Q,D,Fa,Sf)", "DESCRIP", "timestamp"));
        foreach (var (bps, issue, info) in rows)
        {
            sb.Append("| ").Append(JiraWikiTableWriter.Text(bps)).Append("| ").Append(SummaryTables.Link(issue, browseUrl)).Append(" | ")
              .Append(SummaryTables.StatusCell(info.Status, withProgressRule: true)).Append(" | ")
              .Append(JiraWikiTableWriter.Text(SummaryTables.Cut(info.HiLow, 28))).Append('|').Append(JiraWikiTableWriter.Text(info.Timestamp)).Append("| \n");
        }
        return sb.ToString();
    }

    public static string CampaignTable(IEnumerable<CampaignEntry> entries, string browseUrl)
    {
        var sb = new StringBuilder(JiraWikiTableWriter.Header("Step", "Issue", "Start", "End", "Core-hr", "Status"));
        foreach (var e in entries)
        {
            sb.Append("| ").Append(JiraWikiTableWriter.Text(e.Step)).Append("| ").Append(SummaryTables.Link(e.Issue, browseUrl)).Append(" | ")
              .Append(JiraWikiTableWriter.Text(e.Start)).Append('|').Append(JiraWikiTableWriter.Text(e.End)).Append('|')
              .Append(JiraWikiTableWriter.Text(e.CoreHours)).Append('|').Append(JiraWikiTableWriter.Text(e.Status)).Append("| \n");
        }
        return sb.ToString();
    }
}
