using System.Globalization;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Render.Plots;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>Puts a <see cref="CampaignDashboard"/> together from stored data. Pure: no I/O, the "as of" time passed in.</summary>
public static class DashboardAssembly
{
    public const int MaxProgressPoints = 400;
    public const int RunningTaskTypes = 5;
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(6);
    private static readonly double[] BinWidths = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

    public static CampaignDashboard Assemble(CampaignReport report, PandaStatResult stats, IReadOnlyList<StoredJobTime> jobs,
        IReadOnlyList<ButlerTaskStats> butler, DateTimeOffset? lastRefresh, string? pandaMonitor) =>
        Assemble(report, stats, Jobs(jobs), butler, lastRefresh, pandaMonitor);

    /// <summary>As above, from job times already summarised (<see cref="Jobs"/>; kept while the store's job times are unchanged).</summary>
    public static CampaignDashboard Assemble(CampaignReport report, PandaStatResult stats, JobSeries jobs,
        IReadOnlyList<ButlerTaskStats> butler, DateTimeOffset? lastRefresh, string? pandaMonitor)
    {
        var types = stats.TaskTypes.Select(t => new DashboardTaskType(t.Row, t.Quanta, t.CpuHours, t.WallSecondsPerJob, t.MaxRssGb,
                t.JobsFailed, t.RetriedAttempts))
            .ToList();
        var butlerTable = butler.Count == 0 ? null : ButlerTables.Build(report.Jira, ButlerAggregation.ByRow(butler), ButlerAggregation.Campaign(butler));
        var tasksByWorkflow = stats.Tasks.ToLookup(t => t.WorkflowKey, StringComparer.Ordinal);
        var workflows = stats.Workflows
            .OrderBy(w => w.CreatedUtc ?? DateTimeOffset.MaxValue).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new DashboardWorkflow(w.Key, w.Name, w.Status, StatusTones.Of(w.Status), w.TotalTasks, w.TasksFinished,
                w.TasksFailed, w.TasksSubfinished, w.ProcessedFiles, w.TotalFiles, w.CreatedUtc,
                tasksByWorkflow[w.Key].OrderBy(t => t.JediTaskId).Select(t => Task(t, pandaMonitor)).ToList()))
            .ToList();
        long remaining = stats.Workflows.Where(w => !w.IsFinal).Sum(w => w.RemainingFiles);
        var asOf = lastRefresh ?? report.GeneratedUtc;
        return new CampaignDashboard(report.Jira, report.GeneratedUtc, lastRefresh, report.StatusCounts, report.Totals, workflows,
            stats.TaskTable, butlerTable, types, Progress(jobs, remaining, asOf), Running(jobs, stats.TaskTypes.Count),
            new DashboardUrls(report.Links.Jira?.AbsoluteUri, report.Links.Panda?.AbsoluteUri), stats.FailureTable,
            Failures(report, stats, pandaMonitor));
    }

    /// <summary>The failure rows with links: the report's failure lines are the same rows in the same order, with the
    /// tickets' Jira links.</summary>
    private static List<DashboardFailure> Failures(CampaignReport report, PandaStatResult stats, string? monitor) =>
        stats.FailureRows.Select((f, i) => new DashboardFailure(f.TaskType, f.CauseText, f.KnownName,
                i < report.FailureLines.Count ? report.FailureLines[i].Tickets : [.. f.Tickets.Select(t => new TicketLink(t, null))],
                f.Attempts, f.FinalFailures, 100 * f.Share, f.ExamplePandaId, f.ExampleMessage, MonitorPage(monitor, "job", f.ExamplePandaId)))
            .ToList();

    /// <summary>A task's or job's page on the PanDA monitor (<c>…/task/123/</c>, <c>…/job/456/</c>); null without a monitor URL.</summary>
    private static string? MonitorPage(string? monitor, string kind, long id) =>
        monitor is { Length: > 0 } m ? $"{(m.EndsWith('/') ? m : m + "/")}{kind}/{id.ToString(CultureInfo.InvariantCulture)}/" : null;

    /// <summary>
    /// What the charts need from the job times, independent of the PanDA figures: the cumulative progress steps, the end
    /// times of finished jobs (sorted, for the recent rate) and the running-quanta curves.
    /// </summary>
    public static JobSeries Jobs(IReadOnlyList<StoredJobTime> jobs)
    {
        var ended = jobs.Where(j => j.Job.EndUtc is not null && j.Job.Status is "finished" or "failed")
            .Select(j => (End: j.Job.EndUtc!.Value, Failed: j.Job.Status == "failed"))
            .OrderBy(e => e.End)
            .ToList();
        var points = new List<ProgressPoint>();
        var finishedEnds = new List<DateTimeOffset>(ended.Count);
        long finished = 0, failed = 0;
        int step = Math.Max(1, (int)Math.Ceiling(ended.Count / (double)MaxProgressPoints));
        for (int i = 0; i < ended.Count; i++)
        {
            if (ended[i].Failed)
            {
                failed++;
            }
            else
            {
                finished++;
                finishedEnds.Add(ended[i].End);
            }
            if ((i + 1) % step == 0 || i == ended.Count - 1)
            {
                points.Add(new ProgressPoint(ended[i].End, finished, failed));
            }
        }
        return new JobSeries(points, finished, failed, [.. finishedEnds], RunningCurves(jobs));
    }

    /// <summary>Cumulative finished and failed jobs by end time, thinned to at most <see cref="MaxProgressPoints"/> steps.</summary>
    public static DashboardProgress Progress(IReadOnlyList<StoredJobTime> jobs, long remainingQuanta, DateTimeOffset asOf) =>
        Progress(Jobs(jobs), remainingQuanta, asOf);

    /// <summary>The progress as of <paramref name="asOf"/>, with the estimate from the jobs finished in the <see cref="RecentWindow"/> before it.</summary>
    public static DashboardProgress Progress(JobSeries jobs, long remainingQuanta, DateTimeOffset asOf)
    {
        long recent = CountIn(jobs.FinishedEnds, asOf - RecentWindow, asOf);
        long finished = jobs.JobsFinished, failed = jobs.JobsFailed;
        var points = jobs.Points;
        double rate = recent / RecentWindow.TotalHours;
        DateTimeOffset? eta = null;
        string text;
        if (remainingQuanta <= 0)
        {
            text = "nothing left to process";
        }
        else if (rate <= 0)
        {
            text = string.Create(CultureInfo.InvariantCulture,
                $"{remainingQuanta} quanta left; no job finished in the {RecentWindow.TotalHours:0} h before the last refresh, so no estimate");
        }
        else
        {
            eta = asOf + TimeSpan.FromHours(remainingQuanta / rate);
            text = string.Create(CultureInfo.InvariantCulture,
                $"{remainingQuanta} quanta left at {rate:0.#} jobs/h (last {RecentWindow.TotalHours:0} h): done around {eta.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }
        return new DashboardProgress(points, finished, failed, Math.Max(0, remainingQuanta), rate, eta, text);
    }

    /// <summary>Sorted times in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    private static long CountIn(IReadOnlyList<DateTimeOffset> sorted, DateTimeOffset after, DateTimeOffset upTo)
    {
        int UpperBound(DateTimeOffset t)
        {
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= t)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return lo;
        }
        return Math.Max(0, UpperBound(upTo) - UpperBound(after));
    }

    /// <summary>Running quanta (time-weighted mean per bin) of all jobs and, with more than one task type, of the task
    /// types with the most jobs.</summary>
    public static DashboardRunning Running(IReadOnlyList<StoredJobTime> jobs, int taskTypes) => Running(Jobs(jobs), taskTypes);

    /// <summary>As above, from job times already summarised.</summary>
    public static DashboardRunning Running(JobSeries jobs, int taskTypes) =>
        taskTypes > 1 || jobs.Running.Curves.Count <= 1 ? jobs.Running : jobs.Running with { Curves = [jobs.Running.Curves[0]] };

    /// <summary>All jobs, then the <see cref="RunningTaskTypes"/> task types with the most jobs.</summary>
    private static DashboardRunning RunningCurves(IReadOnlyList<StoredJobTime> jobs)
    {
        var started = jobs.Where(j => j.Job.StartUtc is not null).ToList();
        if (started.Count == 0)
        {
            return new DashboardRunning(null, BinWidths[0], []);
        }
        var reference = started.Min(j => j.Job.StartUtc!.Value);
        JobInterval Interval(StoredJobTime stored)
        {
            var job = stored.Job;
            var start = job.StartUtc!.Value;
            // As prep-timing-data: a running job counts up to when it was read; a finished one without an end ran 0 s.
            var end = job.EndUtc ?? (job.Status is "finished" or "failed" or "cancelled" or "closed" ? start : stored.AsOfUtc);
            return new JobInterval((start - reference).TotalSeconds, Math.Max((start - reference).TotalSeconds, (end - reference).TotalSeconds));
        }
        var intervals = started.Select(j => (j.Job.Label, Interval: Interval(j))).ToList();
        double lastEnd = intervals.Max(i => i.Interval.EndSeconds);
        double width = BinWidths.FirstOrDefault(w => lastEnd / w <= 200, BinWidths[^1]);
        var window = new TimingWindow(width, 0, Math.Max(lastEnd, width) / 3600);
        var curves = new List<TimingCurve> { new("all task types", RunningQuanta.Bin(intervals.Select(i => i.Interval).ToList(), window, BinMode.Mean)) };
        curves.AddRange(intervals.GroupBy(i => i.Label, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(RunningTaskTypes)
            .Select(g => new TimingCurve(g.Key, RunningQuanta.Bin(g.Select(i => i.Interval).ToList(), window, BinMode.Mean))));
        return new DashboardRunning(reference, width, curves);
    }

    public static StatusTone TaskTone(string status) => status switch
    {
        "done" => StatusTone.Good,
        "finished" => StatusTone.Warning, // JEDI: ended with some files not processed
        "failed" or "broken" or "aborted" => StatusTone.Bad,
        "running" or "ready" or "scouting" or "pending" or "defined" or "assigning" or "registered" or "topreprocess" => StatusTone.Running,
        _ => StatusTone.Neutral,
    };

    private static DashboardTask Task(PandaTaskRecord t, string? monitor) => new(t.JediTaskId, t.Label, t.Status, TaskTone(t.Status), t.NFiles,
        t.Jobs.JobsFinished, t.Jobs.JobsFailed, MonitorPage(monitor, "task", t.JediTaskId));
}
