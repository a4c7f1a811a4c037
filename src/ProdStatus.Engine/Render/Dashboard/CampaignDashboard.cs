using ProdStatus.Engine.Render.Plots;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>
/// Everything the campaign dashboard shows, read from the store only (no PanDA call): the page and its JSON twin are
/// both made from this. Figures come from the same aggregation as get-panda-stat, so the page's numbers equal its CSV.
/// </summary>
/// <param name="LastRefreshUtc">When the store was last refreshed from PanDA (the "as of" of every figure).</param>
/// <param name="TaskTable">The get-panda-stat task-type table, cells formatted exactly as in its CSV.</param>
/// <param name="ButlerTable">The get-butler-stat table (cells as in its CSV) when Butler statistics were collected.</param>
/// <param name="Running">Running quanta over time: all task types, then the task types with the most jobs.</param>
/// <param name="FailureTable">get-panda-stat's <c>pandaErrors</c> table (cells as in its CSV): failure causes by task type.</param>
/// <param name="FailureCauses">The same rows for scripts, with the example job's and the tickets' links.</param>
public sealed record CampaignDashboard(
    string Jira,
    DateTimeOffset GeneratedUtc,
    DateTimeOffset? LastRefreshUtc,
    IReadOnlyList<StatusCount> StatusCounts,
    IReadOnlyList<ReportFigure> Totals,
    IReadOnlyList<DashboardWorkflow> Workflows,
    StatTable TaskTable,
    StatTable? ButlerTable,
    IReadOnlyList<DashboardTaskType> TaskTypes,
    DashboardProgress Progress,
    DashboardRunning Running,
    DashboardUrls Links,
    StatTable FailureTable,
    IReadOnlyList<DashboardFailure> FailureCauses);

/// <summary>One workflow (BPS submission) and its PanDA tasks.</summary>
public sealed record DashboardWorkflow(
    string Key, string Name, string Status, StatusTone Tone, long TotalTasks, long TasksFinished, long TasksFailed,
    long TasksSubfinished, long ProcessedFiles, long TotalFiles, DateTimeOffset? CreatedUtc, IReadOnlyList<DashboardTask> Tasks);

/// <param name="MonitorUrl">The task's page on the PanDA monitor; null when no monitor URL is configured.</param>
public sealed record DashboardTask(long JediTaskId, string Label, string Status, StatusTone Tone, long Quanta, long JobsFinished,
    long JobsFailed, string? MonitorUrl);

/// <summary>One task type's figures (the get-panda-stat row), for the charts and scripts.</summary>
public sealed record DashboardTaskType(string Row, long Quanta, double CpuHours, double? WallSecondsPerJob, double MaxRssGb,
    long JobsFailed, long RetriedAttempts);

/// <summary>One task type's failed attempts of one cause (a <c>pandaErrors</c> row), most attempts first.</summary>
/// <param name="Cause">The cause as in the table (<c>out of memory</c>, <c>unknown (pilot 1999)</c>).</param>
/// <param name="KnownError">The known-errors entry's name; null for a new failure.</param>
/// <param name="ExampleUrl">The example job's page on the PanDA monitor; null when no monitor URL is configured.</param>
public sealed record DashboardFailure(string TaskType, string Cause, string? KnownError, IReadOnlyList<TicketLink> Tickets, long FailedAttempts,
    long FinalFailures, double SharePercent, long ExamplePandaId, string ExampleMessage, string? ExampleUrl);

/// <summary>Cumulative finished and failed jobs against time, and the finish estimate.</summary>
/// <param name="Points">At most <see cref="DashboardAssembly.MaxProgressPoints"/> steps, the last one at the last job end.</param>
/// <param name="RemainingQuanta">Files not yet processed by the workflows still running.</param>
/// <param name="RecentJobsPerHour">Finished jobs per hour over <see cref="DashboardAssembly.RecentWindow"/> before the last refresh.</param>
/// <param name="EtaUtc">Last refresh + remaining / recent rate; null when done or when nothing finished recently.</param>
public sealed record DashboardProgress(IReadOnlyList<ProgressPoint> Points, long JobsFinished, long JobsFailed, long RemainingQuanta,
    double RecentJobsPerHour, DateTimeOffset? EtaUtc, string EtaText);

public sealed record ProgressPoint(DateTimeOffset TimeUtc, long Finished, long Failed);

/// <summary>The stored job times as the charts need them (<see cref="DashboardAssembly.Jobs"/>): they change only when
/// prep-timing-data writes, so a page rebuilt after a get-panda-stat refresh reuses them instead of reading every job.</summary>
/// <param name="FinishedEnds">End times of the finished jobs, ascending (the recent rate of the estimate).</param>
/// <param name="Running">Running quanta of all jobs and of the <see cref="DashboardAssembly.RunningTaskTypes"/> largest task types.</param>
public sealed record JobSeries(IReadOnlyList<ProgressPoint> Points, long JobsFinished, long JobsFailed, IReadOnlyList<DateTimeOffset> FinishedEnds,
    DashboardRunning Running);

/// <param name="Reference">The first job start; hours on the chart count from it.</param>
public sealed record DashboardRunning(DateTimeOffset? Reference, double BinWidthSeconds, IReadOnlyList<TimingCurve> Curves);

/// <summary>Where the page links to: the issue in Jira, the campaign's task list and each task on the PanDA monitor.</summary>
public sealed record DashboardUrls(string? Jira, string? PandaTasks);
