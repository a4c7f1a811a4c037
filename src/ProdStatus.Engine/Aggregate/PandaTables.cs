using System.Globalization;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Aggregate;

/// <summary>The two get-panda-stat tables. Names and title lines keep the original's tokens (report-to-jira relies on them).</summary>
public static class PandaTables
{
    public const string WorkflowTableName = "pandaWfStat";
    public const string TaskTableName = "pandaStat";

    public static StatTable Workflows(string jira, IEnumerable<WorkflowState> workflows)
    {
        TableColumn[] columns =
        [
            new("status"), new("tasks", true), new("files", true), new("remaining", true), new("processed", true),
            new("tasks finished", true), new("tasks failed", true), new("tasks subfinished", true), new("created (UTC)"),
        ];
        var rows = workflows
            .OrderBy(w => w.CreatedUtc ?? DateTimeOffset.MaxValue).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new TableRow(w.Key,
                [w.Status, I(w.TotalTasks), I(w.TotalFiles), I(w.RemainingFiles), I(w.ProcessedFiles), I(w.TasksFinished),
                 I(w.TasksFailed), I(w.TasksSubfinished), UtcTimestamps.Format(w.CreatedUtc)],
                w.Status == "Failed" || w.TasksFailed > 0 ? RowStyle.Failed
                : w.Status == "SubFinished" || w.TasksSubfinished > 0 ? RowStyle.Warning
                : RowStyle.Normal))
            .ToList();
        return new StatTable(WorkflowTableName, $"workflow status {jira}", "workflow", columns, rows);
    }

    public static StatTable TaskTypes(string jira, IReadOnlyList<TaskTypeStats> types, TaskTypeStats campaign)
    {
        TableColumn[] columns =
        [
            new("quanta", true), new("first start (UTC)"), new("wall clock", true), new("wall s/job", true),
            new("CPU s/job", true), new("CPU-hours", true), new("max RSS GB", true), new("jobs failed", true),
            new("retried", true), new("est. parallel jobs", true),
        ];
        var rows = types.Select(t => Row(t, t.JobsFailed > 0 ? RowStyle.Warning : RowStyle.Normal)).ToList();
        rows.Add(Row(campaign, RowStyle.Summary));
        return new StatTable(TaskTableName, $"Panda campaign statistics {jira}", "Workflow Task", columns, rows);
    }

    private static TableRow Row(TaskTypeStats t, RowStyle style) => new(t.Row,
        [
            I(t.Quanta), UtcTimestamps.Format(t.FirstStart), UtcTimestamps.FormatDuration(t.WallClock), F(t.WallSecondsPerJob, "0.0"),
            F(t.CpuSecondsPerJob, "0.0"), F(t.CpuHours, "0.00"), F(t.MaxRssGb, "0.00"), I(t.JobsFailed), I(t.RetriedAttempts),
            I(t.EstimatedParallelJobs),
        ], style);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
