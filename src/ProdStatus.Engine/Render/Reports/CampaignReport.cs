using System.Globalization;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Render.Reports;

/// <summary>
/// Everything a person-facing summary shows, independent of the format (PDF, Adaptive Card, Slack message).
/// Tables and plots are open lists, so Butler statistics and timing plots join without changes here.
/// </summary>
/// <param name="Window">The parameter file's start/stop dates; null when the caller has none.</param>
/// <param name="Tables">Tables in the order they are shown (PanDA workflows, PanDA task types, Butler, …).</param>
/// <param name="TopTaskTypes">Task types with the most CPU-hours, largest first.</param>
/// <param name="Totals">Campaign figures as label/value pairs, already formatted.</param>
public sealed record CampaignReport(
    string Jira,
    DateTimeOffset GeneratedUtc,
    DataWindow? Window,
    IReadOnlyList<StatusCount> StatusCounts,
    IReadOnlyList<WorkflowLine> Workflows,
    IReadOnlyList<TopTaskType> TopTaskTypes,
    IReadOnlyList<ReportFigure> Totals,
    IReadOnlyList<StatTable> Tables,
    IReadOnlyList<ReportPlot> Plots,
    ReportLinks Links,
    IReadOnlyList<FailureLine>? Failures = null)
{
    public string Title => $"Campaign summary {Jira}";

    /// <summary>Failures by task type and cause, most attempts first (empty when none).</summary>
    public IReadOnlyList<FailureLine> FailureLines => Failures ?? [];

    /// <summary>The first <paramref name="max"/> failure lines as a table (PDF and Slack show it; the card draws its own).</summary>
    public StatTable FailureTable(int max) => new(
        "failureCauses",
        "Failures by cause",
        "task type",
        [new("cause"), new("known?"), new("failed attempts", true), new("finally failed", true), new("share %", true), new("example")],
        FailureLines.Take(max).Select(f => new TableRow(f.TaskType,
            [f.Cause, f.Known, f.Attempts.ToString(CultureInfo.InvariantCulture), f.FinalFailures.ToString(CultureInfo.InvariantCulture),
             f.SharePercent.ToString("0.0", CultureInfo.InvariantCulture), f.Example],
            f.Tickets.Count == 0 ? RowStyle.Failed : RowStyle.Warning)).ToList());

    /// <summary>The top task types as a table (PDF and Slack show it; the card draws its own).</summary>
    public StatTable TopTaskTable() => new(
        "topTaskTypes",
        "Top task types by CPU-hours",
        "task type",
        [new("CPU-hours", true), new("quanta", true), new("jobs failed", true)],
        TopTaskTypes.Select(t => new TableRow(t.Name,
            [t.CpuHours.ToString("0.00", CultureInfo.InvariantCulture), t.Quanta.ToString(CultureInfo.InvariantCulture),
             t.JobsFailed.ToString(CultureInfo.InvariantCulture)],
            t.JobsFailed > 0 ? RowStyle.Warning : RowStyle.Normal)).ToList());
}

/// <summary>Inclusive UTC dates of the data the report covers.</summary>
public sealed record DataWindow(DateOnly Start, DateOnly Stop);

/// <summary>How many workflows are in one PanDA request status.</summary>
public sealed record StatusCount(string Status, int Workflows, StatusTone Tone);

/// <summary>One workflow (BPS submission) and its task counts.</summary>
public sealed record WorkflowLine(
    string Key, string Status, StatusTone Tone, long Tasks, long TasksFinished, long TasksFailed, long TasksSubfinished,
    long ProcessedFiles, long TotalFiles);

public sealed record TopTaskType(string Name, double CpuHours, long Quanta, long JobsFailed);

/// <summary>One task type's failures of one cause.</summary>
/// <param name="Known"><c>known (DM-37089)</c> or <c>new</c>.</param>
/// <param name="Tickets">The known error's tickets, each with its Jira link when the browse URL is configured.</param>
public sealed record FailureLine(string TaskType, string Cause, string Known, IReadOnlyList<TicketLink> Tickets, long Attempts,
    long FinalFailures, double SharePercent, string Example);

/// <summary>A Jira ticket and where to open it (null when no browse URL is configured).</summary>
public sealed record TicketLink(string Key, Uri? Url);

/// <summary>A label and its formatted value (<c>CPU-hours</c>, <c>1234.50</c>).</summary>
public sealed record ReportFigure(string Label, string Value);

/// <summary>A PNG image with the caption printed under it.</summary>
public sealed record ReportPlot(string Caption, ReadOnlyMemory<byte> Png);

/// <summary>Where people click through to: the Jira issue, the PanDA monitor's task list for the campaign and the
/// campaign dashboard (a signed link; null when the dashboard is not configured).</summary>
public sealed record ReportLinks(Uri? Jira, Uri? Panda, Uri? Dashboard = null);

/// <summary>What a status means for the reader; each format maps it to its own colour or emoji.</summary>
public enum StatusTone
{
    Neutral,
    Running,
    Good,
    Warning,
    Bad,
}
