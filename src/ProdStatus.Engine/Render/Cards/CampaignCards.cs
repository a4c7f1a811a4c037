using System.Globalization;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Render.Cards;

/// <summary>The cards the bot posts: campaign summary, workflow status and error. Each fits a Teams message.</summary>
public static class CampaignCards
{
    private const int StatusesPerRow = 4;

    /// <summary>Failure causes on the summary card.</summary>
    public const int TopFailures = 5;

    public static AdaptiveCard Summary(CampaignReport report) =>
        CardLimits.FitItems(report.TopTaskTypes.Count, shown =>
        {
            var body = new List<CardElement> { Title(report.Title), Subtitle(report), Heading("Workflows by status") };
            body.AddRange(StatusColumns(report.StatusCounts));
            body.Add(Heading("Campaign totals"));
            body.Add(new FactSet(report.Totals.Select(t => new Fact(t.Label, t.Value)).ToList()));
            if (report.TopTaskTypes.Count > 0)
            {
                body.Add(Heading("Top task types by CPU-hours"));
                body.Add(TopTable(report.TopTaskTypes.Take(shown)));
                AddMore(body, shown, report.TopTaskTypes.Count, "task types", report.Links.Jira);
            }
            if (report.FailureLines.Count > 0)
            {
                body.Add(Heading("Top failure causes"));
                body.Add(FailureTable(report.FailureLines.Take(TopFailures)));
                AddMore(body, Math.Min(TopFailures, report.FailureLines.Count), report.FailureLines.Count, "failure causes", report.Links.Jira);
            }
            return Card(report, body, $"{report.Title}: {string.Join(", ", report.StatusCounts.Select(s => $"{s.Workflows} {s.Status}"))}");
        });

    public static AdaptiveCard WorkflowStatus(CampaignReport report) =>
        CardLimits.FitItems(report.Workflows.Count, shown =>
        {
            var body = new List<CardElement> { Title($"Workflow status {report.Jira}"), Subtitle(report) };
            if (report.Workflows.Count == 0)
            {
                body.Add(new TextBlock("No workflow matched the campaign."));
            }
            else
            {
                body.Add(WorkflowTable(report.Workflows.Take(shown)));
                AddMore(body, shown, report.Workflows.Count, "workflows", report.Links.Jira);
            }
            return Card(report, body, $"Workflow status {report.Jira}: {report.Workflows.Count} workflows");
        });

    /// <summary>A failed command or job, in red, with a link to the issue when there is one.</summary>
    public static AdaptiveCard Error(string title, string message, DateTimeOffset whenUtc, Uri? issue = null)
    {
        const int MaxMessage = 2000;
        string shown = message.Length <= MaxMessage ? message : string.Concat(message.AsSpan(0, MaxMessage), "…");
        return new AdaptiveCard
        {
            FallbackText = $"{title}: {shown}",
            Body =
            [
                new Container([new TextBlock(title) { Size = TextSize.Large, Weight = TextWeight.Bolder, Color = TextColor.Attention }])
                    { Style = ContainerStyle.Attention },
                new TextBlock(shown),
                new TextBlock($"{UtcTimestamps.Format(whenUtc)} UTC") { IsSubtle = true, Spacing = CardSpacing.Small },
            ],
            Actions = issue is null ? null : [new OpenUrlAction($"Open {issue.Segments[^1]} in Jira", issue)],
        };
    }

    public static TextColor Color(StatusTone tone) => tone switch
    {
        StatusTone.Good => TextColor.Good,
        StatusTone.Warning => TextColor.Warning,
        StatusTone.Bad => TextColor.Attention,
        StatusTone.Running => TextColor.Accent,
        _ => TextColor.Default,
    };

    private static AdaptiveCard Card(CampaignReport report, List<CardElement> body, string fallback) => new()
    {
        FallbackText = fallback,
        Body = body,
        Actions = Links(report),
    };

    private static List<CardAction>? Links(CampaignReport report)
    {
        var actions = new List<CardAction>();
        if (report.Links.Dashboard is { } dashboard)
        {
            actions.Add(new OpenUrlAction("Open dashboard", dashboard));
        }
        if (report.Links.Jira is { } jira)
        {
            actions.Add(new OpenUrlAction($"Open {report.Jira} in Jira", jira));
        }
        if (report.Links.Panda is { } panda)
        {
            actions.Add(new OpenUrlAction("PanDA monitor", panda));
        }
        return actions.Count > 0 ? actions : null;
    }

    private static TextBlock Title(string text) => new(text) { Size = TextSize.Large, Weight = TextWeight.Bolder };

    private static TextBlock Heading(string text) => new(text) { Weight = TextWeight.Bolder, Separator = true, Spacing = CardSpacing.Medium };

    private static TextBlock Subtitle(CampaignReport report)
    {
        string text = $"Generated {UtcTimestamps.Format(report.GeneratedUtc)} UTC";
        if (report.Window is { } w)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" · data {w.Start:yyyy-MM-dd} to {w.Stop:yyyy-MM-dd}");
        }
        return new TextBlock(text) { IsSubtle = true, Spacing = CardSpacing.None };
    }

    private static IEnumerable<CardElement> StatusColumns(IReadOnlyList<StatusCount> counts)
    {
        if (counts.Count == 0)
        {
            yield return new TextBlock("No workflow matched the campaign.");
            yield break;
        }
        for (int i = 0; i < counts.Count; i += StatusesPerRow)
        {
            yield return new ColumnSet(counts.Skip(i).Take(StatusesPerRow).Select(s => new Column(
            [
                new TextBlock(I(s.Workflows)) { Size = TextSize.ExtraLarge, Weight = TextWeight.Bolder, Color = Color(s.Tone) },
                new TextBlock(s.Status) { IsSubtle = true, Spacing = CardSpacing.None },
            ]) { Width = "auto" }).ToList());
        }
    }

    private static CardTable TopTable(IEnumerable<TopTaskType> types) => CardTables.Create(
        [("task type", 4, false), ("CPU-hours", 2, true), ("quanta", 2, true), ("jobs failed", 2, true)],
        types.Select(t => (new[] { t.Name, t.CpuHours.ToString("0.00", CultureInfo.InvariantCulture), I(t.Quanta), I(t.JobsFailed) },
            t.JobsFailed > 0 ? ContainerStyle.Warning : (ContainerStyle?)null, (TextColor?)null)));

    private static CardTable FailureTable(IEnumerable<FailureLine> failures) => CardTables.Create(
        [("task type", 4, false), ("cause", 3, false), ("known?", 3, false), ("attempts", 2, true), ("final", 2, true)],
        failures.Select(f => (new[] { f.TaskType, f.Cause, Known(f), I(f.Attempts), I(f.FinalFailures) },
            (ContainerStyle?)(f.Tickets.Count == 0 ? ContainerStyle.Attention : ContainerStyle.Warning), (TextColor?)null)));

    /// <summary><c>known ([DM-37089](…))</c>: tickets as markdown links when the browse URL is known.</summary>
    private static string Known(FailureLine f) => f.Tickets.Count == 0 || f.Tickets.All(t => t.Url is null)
        ? f.Known
        : $"known ({string.Join(", ", f.Tickets.Select(t => t.Url is null ? t.Key : $"[{t.Key}]({t.Url.AbsoluteUri})"))})";

    private static CardTable WorkflowTable(IEnumerable<WorkflowLine> workflows) => CardTables.Create(
        [("workflow", 4, false), ("status", 3, false), ("tasks", 2, true), ("failed", 2, true), ("files done", 3, true)],
        workflows.Select(w => (new[] { w.Key, w.Status, $"{I(w.TasksFinished)}/{I(w.Tasks)}", I(w.TasksFailed), $"{I(w.ProcessedFiles)}/{I(w.TotalFiles)}" },
            (ContainerStyle?)null, (TextColor?)Color(w.Tone))));

    /// <summary>The note under a cut list; "more in Jira" is a markdown link (TextBlock supports them).</summary>
    private static void AddMore(List<CardElement> body, int shown, int total, string what, Uri? jira)
    {
        if (shown < total)
        {
            string more = jira is null ? "more in Jira" : $"[more in Jira]({jira.AbsoluteUri})";
            body.Add(new TextBlock(string.Create(CultureInfo.InvariantCulture, $"Showing {shown} of {total} {what}: {more}."))
                { IsSubtle = true, Spacing = CardSpacing.Small });
        }
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
