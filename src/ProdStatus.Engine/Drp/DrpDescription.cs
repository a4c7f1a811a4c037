using System.Text;

namespace ProdStatus.Engine.Drp;

/// <summary>The DRP workflow issue text written by update-issue and refreshed by update-stat.</summary>
public static class DrpDescription
{
    public const string ButlerHeader = "|| Step || Task || Start || nQ || sec/Q || sum(hr) || maxGB ||";

    /// <summary>Summary <c>&lt;steps&gt;#&lt;campaign&gt;/&lt;ts&gt;</c>.</summary>
    public static string Summary(BpsSubmitInfo submit) => $"{PipelineSubsets.Split(submit.PipelineYaml).Steps}#{submit.Campaign}/{submit.Timestamp}";

    /// <summary>
    /// Keywords in a <c>{code}</c> block (the "header" update-stat keeps), the Butler table header with one row per
    /// (step, task), then the PanDA line. The rows follow their header directly so Jira shows one table.
    /// </summary>
    public static string Build(BpsSubmitInfo submit, IReadOnlyList<(string Step, string Task)> tasks, string productionIssue, string pandaLink)
    {
        var sb = new StringBuilder("BPS Submit Keywords:\n{code}\n");
        foreach (string line in submit.Lines)
        {
            sb.Append(line).Append('\n');
        }
        sb.Append("pipelineYamlSteps: ").Append(PipelineSubsets.Split(submit.PipelineYaml).Steps).Append("\n{code}\n");
        sb.Append("Butler Statistics\n").Append(ButlerHeader).Append('\n');
        foreach (var (step, task) in tasks)
        {
            sb.Append('|').Append(step).Append('|').Append(task).Append("| | | | | |\n");
        }
        sb.Append('\n');
        sb.Append("PanDA PREOPS: ").Append(productionIssue).Append(" link:").Append(pandaLink).Append('\n');
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>The description up to and including the second <c>{code}</c>, plus a newline; the whole text when it
    /// has fewer than two (the original then kept a garbled prefix).</summary>
    public static string Header(string description)
    {
        int first = description.IndexOf("{code}", StringComparison.Ordinal);
        int second = first < 0 ? -1 : description.IndexOf("{code}", first + 1, StringComparison.Ordinal);
        return second < 0 ? description.TrimEnd('\n') + "\n" : description[..second] + "{code}\n";
    }

    /// <summary>The PanDA task page of a workflow: tasks whose name holds the timestamp, from the 1st of its month.</summary>
    public static string PandaLink(string baseUrl, string timestamp)
    {
        string ts = timestamp.ToLowerInvariant();
        string year = ts.Length >= 4 ? ts[..4] : ts;
        string month = ts.Length >= 6 ? ts[4..6] : "01";
        string prefix = baseUrl.Length == 0 || baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
        return $"{prefix}tasks/?taskname=*{ts}*&date_from=01-{month}-{year}&days=62&sortby=time-ascending";
    }
}
