using System.Globalization;
using System.Text;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Render.Slack;

/// <summary>
/// The campaign summary as a Block Kit message, built within Slack's limits: what does not fit (workflows beyond the
/// block budget, table rows beyond 100) is cut and replaced by a "more in Jira" link.
/// </summary>
public static class SlackMessages
{
    public static SlackMessage Summary(CampaignReport report)
    {
        var head = new List<SlackBlock>
        {
            new HeaderBlock(new PlainText(Clip(report.Title, SlackLimits.MaxHeaderText))),
            new ContextBlock([new MrkdwnText(Subtitle(report))]),
        };
        head.AddRange(FieldSections(report.StatusCounts.Select(s => $"*{Emoji(s.Tone)} {Escape(s.Status)}*\n{s.Workflows}")));
        head.AddRange(FieldSections(report.Totals.Select(t => $"*{Escape(t.Label)}*\n{Escape(t.Value)}")));

        var tail = new List<SlackBlock>();
        if (report.TopTaskTypes.Count > 0)
        {
            tail.Add(new SectionBlock(new MrkdwnText("*Top task types by CPU-hours*")));
            tail.Add(SlackTables.From(report.TopTaskTable(), out int tableRowsCut));
            AddMore(tail, tableRowsCut, "task types", report.Links.Jira);
        }
        if (report.FailureLines.Count > 0)
        {
            tail.Add(new SectionBlock(new MrkdwnText(Clip(FailureText(report), SlackLimits.MaxSectionText))));
            AddMore(tail, report.FailureLines.Count - Math.Min(TopFailures, report.FailureLines.Count), "failure causes", report.Links.Jira);
        }
        tail.Add(Buttons(report));

        // Workflows get what is left of the block budget (one block kept for a "more" note).
        int budget = SlackLimits.MaxBlocks - head.Count - tail.Count - 3;
        var workflows = WorkflowSections(report, budget, out int workflowsCut);
        var blocks = new List<SlackBlock>(head) { new DividerBlock() };
        blocks.AddRange(workflows);
        AddMore(blocks, workflowsCut, "workflows", report.Links.Jira);
        blocks.AddRange(tail);
        return new SlackMessage(Fallback(report), blocks);
    }

    /// <summary>Failure causes in the Slack message.</summary>
    public const int TopFailures = 3;

    /// <summary>The top failure causes, known ones with their tickets linked: <c>known (&lt;url|DM-37089&gt;)</c>.</summary>
    private static string FailureText(CampaignReport report)
    {
        var text = new StringBuilder("*Top failure causes*\n");
        foreach (var f in report.FailureLines.Take(TopFailures))
        {
            string known = f.Tickets.Count == 0 ? Escape(f.Known)
                : $"known ({string.Join(", ", f.Tickets.Select(t => t.Url is null ? Escape(t.Key) : $"<{t.Url.AbsoluteUri}|{Escape(t.Key)}>"))})";
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{(f.Tickets.Count == 0 ? ":red_circle:" : ":large_yellow_circle:")} `{Escape(f.TaskType)}` {Escape(f.Cause)}, {known}: {f.Attempts} attempts, {f.FinalFailures} final — {Escape(Clip(f.Example, 120))}\n"));
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>mrkdwn control characters: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Emoji(StatusTone tone) => tone switch
    {
        StatusTone.Good => ":large_green_circle:",
        StatusTone.Warning => ":large_yellow_circle:",
        StatusTone.Bad => ":red_circle:",
        StatusTone.Running => ":large_blue_circle:",
        _ => ":white_circle:",
    };

    private static string Subtitle(CampaignReport report)
    {
        string text = $"Generated {UtcTimestamps.Format(report.GeneratedUtc)} UTC";
        return report.Window is { } w
            ? text + string.Create(CultureInfo.InvariantCulture, $" · data {w.Start:yyyy-MM-dd} to {w.Stop:yyyy-MM-dd}")
            : text;
    }

    private static IEnumerable<SlackBlock> FieldSections(IEnumerable<string> fields) =>
        fields.Select(f => new MrkdwnText(Clip(f, SlackLimits.MaxFieldText))).Chunk(SlackLimits.MaxFields)
            .Select(chunk => new SectionBlock(null, chunk));

    private static List<SlackBlock> WorkflowSections(CampaignReport report, int budget, out int cut)
    {
        var sections = new List<SlackBlock>();
        var text = new StringBuilder("*Workflows*\n");
        int shown = 0;
        int total = 0;
        foreach (var w in report.Workflows)
        {
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{Emoji(w.Tone)} `{Escape(w.Key)}` {Escape(w.Status)}: tasks {w.TasksFinished}/{w.Tasks} done, {w.TasksFailed} failed, {w.TasksSubfinished} partial; files {w.ProcessedFiles}/{w.TotalFiles}\n");
            total += line.Length;
            if (total > SlackLimits.WorkflowListBudget)
            {
                break;
            }
            if (text.Length + line.Length > SlackLimits.MaxSectionText)
            {
                if (sections.Count + 1 >= budget)
                {
                    break;
                }
                sections.Add(new SectionBlock(new MrkdwnText(text.ToString().TrimEnd())));
                text.Clear();
            }
            text.Append(line);
            shown++;
        }
        if (report.Workflows.Count == 0)
        {
            text.Append("No workflow matched the campaign.");
        }
        sections.Add(new SectionBlock(new MrkdwnText(text.ToString().TrimEnd())));
        cut = report.Workflows.Count - shown;
        return sections;
    }

    private static void AddMore(List<SlackBlock> blocks, int cut, string what, Uri? jira)
    {
        if (cut > 0)
        {
            string where = jira is null ? "Jira" : $"<{jira.AbsoluteUri}|Jira>";
            blocks.Add(new ContextBlock([new MrkdwnText(string.Create(CultureInfo.InvariantCulture, $"… {cut} more {what} in {where}"))]));
        }
    }

    private static ActionsBlock Buttons(CampaignReport report)
    {
        var buttons = new List<LinkButton>();
        if (report.Links.Dashboard is { } dashboard)
        {
            buttons.Add(new LinkButton(new PlainText("Open dashboard"), dashboard, "open_dashboard"));
        }
        if (report.Links.Jira is { } jira)
        {
            buttons.Add(new LinkButton(new PlainText($"Open {report.Jira} in Jira"), jira, "open_jira"));
        }
        if (report.Links.Panda is { } panda)
        {
            buttons.Add(new LinkButton(new PlainText("PanDA monitor"), panda, "open_panda"));
        }
        return new ActionsBlock(buttons);
    }

    private static string Fallback(CampaignReport report)
    {
        string statuses = string.Join(", ", report.StatusCounts.Select(s => $"{s.Workflows} {s.Status}"));
        string cpu = report.Totals.FirstOrDefault(t => t.Label == "CPU-hours")?.Value ?? "0";
        return Clip($"{report.Title}: {(statuses.Length > 0 ? statuses : "no workflows")}; {cpu} CPU-hours", SlackLimits.MaxText);
    }

    internal static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
