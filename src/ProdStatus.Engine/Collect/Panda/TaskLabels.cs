using System.Globalization;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// Task type of a PanDA task name. 2022 names are <c>&lt;wf&gt;_&lt;label&gt;_&lt;reqid&gt;_&lt;workid&gt;</c>; since 2023
/// ctrl_bps_panda writes <c>&lt;wf&gt;_&lt;NN&gt;_&lt;label&gt;_&lt;chunk&gt;_&lt;reqid&gt;_&lt;workid&gt;[_&lt;retry&gt;]</c>
/// (ctrl_bps_panda's task naming). The type is <c>&lt;label&gt;_&lt;reqid&gt;</c> in both, which is exactly the original's label
/// for 2022 names (<c>visit_detector_1_777</c>); chunks and iDDS retries of one label fall into one type.
/// </summary>
public static class TaskLabels
{
    /// <param name="Label">Task type, <c>&lt;label&gt;_&lt;reqid&gt;</c>.</param>
    /// <param name="Identity">The name without a retry suffix: a retried task supersedes the one it retries.</param>
    public readonly record struct Parsed(string Label, string Identity);

    public static Parsed Parse(string taskName, string workflowKey, long? requestId)
    {
        var (label, identity, reqToken) = ParseParts(taskName, workflowKey, requestId);
        return new Parsed(reqToken is null ? label : $"{label}_{reqToken}", identity);
    }

    /// <summary>
    /// The bare BPS job label (<c>visit_detector_1</c>, <c>pipetaskInit</c>, <c>finalJob</c>): the name between the
    /// timestamp (and the 2-digit task counter of current names) and the request id. Compared exactly, so
    /// <c>isr</c> never matches <c>visit_isr</c> (the original matched substrings and counted such jobs twice).
    /// Names of an unknown shape give the original's rule, as <see cref="Parse"/> does.
    /// </summary>
    public static string BpsLabel(string taskName, string workflowKey, long? requestId) =>
        ParseParts(taskName, workflowKey, requestId).Label;

    private static (string Label, string Identity, string? RequestToken) ParseParts(string taskName, string workflowKey, long? requestId)
    {
        int at = taskName.IndexOf(workflowKey, StringComparison.OrdinalIgnoreCase);
        string rest = at >= 0 ? taskName[(at + workflowKey.Length)..].TrimStart('_') : taskName;
        string[] tokens = rest.Split('_');
        if (requestId is { } rid)
        {
            string reqToken = rid.ToString(CultureInfo.InvariantCulture);
            for (int i = tokens.Length - 2; i >= 1; i--)
            {
                if (tokens[i] != reqToken || !IsNumber(tokens[i + 1]))
                {
                    continue;
                }
                string identity = taskName[..(taskName.Length - TailLength(tokens, i + 2))];
                bool current = i >= 3 && IsTwoDigits(tokens[0]) && IsTwoDigits(tokens[i - 1]);
                string label = current ? string.Join('_', tokens[1..(i - 1)]) : string.Join('_', tokens[..i]);
                return (label, identity, reqToken);
            }
        }
        // Unknown shape: the original's rule (drop the last token, which keeps the request id in 2022 names).
        return (tokens.Length > 1 ? string.Join('_', tokens[..^1]) : rest, taskName, null);
    }

    private static int TailLength(string[] tokens, int from) =>
        from >= tokens.Length ? 0 : tokens[from..].Sum(t => t.Length + 1);

    private static bool IsNumber(string token) => token.Length > 0 && token.All(char.IsAsciiDigit);

    private static bool IsTwoDigits(string token) => token.Length == 2 && IsNumber(token);
}
