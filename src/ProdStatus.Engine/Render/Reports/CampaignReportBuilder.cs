using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Render.Reports;

/// <summary>Builds the format-independent <see cref="CampaignReport"/> from one get-panda-stat result.</summary>
public sealed class CampaignReportBuilder(IOptions<ReportOptions> options, IOptions<PandaOptions> panda, TimeProvider time,
    IOptions<JiraOptions>? jiraOptions = null, ICampaignLinks? campaignLinks = null)
{
    public CampaignReport Build(PandaStatResult result, ReportExtras? extras = null)
    {
        extras ??= ReportExtras.None;
        var statuses = result.Workflows
            .GroupBy(w => w.Status, StringComparer.Ordinal)
            .Select(g => new StatusCount(g.Key, g.Count(), StatusTones.Of(g.Key)))
            .OrderBy(s => StatusTones.Rank(s.Tone)).ThenBy(s => s.Status, StringComparer.Ordinal)
            .ToList();
        var workflows = result.Workflows
            .OrderBy(w => w.CreatedUtc ?? DateTimeOffset.MaxValue).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WorkflowLine(w.Key, w.Status, StatusTones.Of(w.Status), w.TotalTasks, w.TasksFinished, w.TasksFailed,
                w.TasksSubfinished, w.ProcessedFiles, w.TotalFiles))
            .ToList();
        var top = result.TaskTypes
            .OrderByDescending(t => t.CpuHours).ThenBy(t => t.Row, StringComparer.Ordinal)
            .Take(options.Value.TopTaskTypes)
            .Select(t => new TopTaskType(t.Row, t.CpuHours, t.Quanta, t.JobsFailed))
            .ToList();
        var c = result.Campaign;
        ReportFigure[] totals =
        [
            new("Workflows", I(result.Workflows.Count)),
            new("Task types", I(result.TaskTypes.Count)),
            new("PanDA tasks", I(result.Tasks.Count)),
            new("Quanta", I(c.Quanta)),
            new("CPU-hours", c.CpuHours.ToString("0.00", CultureInfo.InvariantCulture)),
            new("Wall clock", UtcTimestamps.FormatDuration(c.WallClock)),
            new("Max RSS GB", c.MaxRssGb.ToString("0.00", CultureInfo.InvariantCulture)),
            new("Jobs failed", I(c.JobsFailed)),
        ];
        return new CampaignReport(
            result.Jira,
            time.GetUtcNow().ToUniversalTime(),
            extras.Window,
            statuses,
            workflows,
            top,
            totals,
            [result.WorkflowTable, result.TaskTable, .. extras.Tables ?? []],
            extras.Plots ?? [],
            Links(result.Jira, extras.Window),
            Failures(result));
    }

    private List<FailureLine> Failures(PandaStatResult result)
    {
        string? browse = BrowseUrl();
        return result.FailureRows.Select(f => new FailureLine(f.TaskType, f.CauseText, f.KnownLabel,
                f.Tickets.Select(t => new TicketLink(t, browse is null ? null : new Uri(WithSlash(browse) + Uri.EscapeDataString(t)))).ToList(),
                f.Attempts, f.FinalFailures, 100 * f.Share, f.ExampleMessage))
            .ToList();
    }

    private string? BrowseUrl() => options.Value.JiraBrowseUrl is { Length: > 0 } own ? own : jiraOptions?.Value.ResolveBrowseUrl() is { Length: > 0 } b ? b : null;

    private ReportLinks Links(string jira, DataWindow? window)
    {
        // Reports:JiraBrowseUrl, else the Jira client's browse URL (Jira:BrowseUrl or <BaseUrl>/browse/).
        string? browse = BrowseUrl();
        Uri? jiraLink = browse is not null ? new Uri(WithSlash(browse) + Uri.EscapeDataString(jira)) : null;
        string? monitor = options.Value.PandaMonitorUrl is { Length: > 0 } m ? m : panda.Value.BaseUrl;
        Uri? pandaLink = null;
        if (monitor is { Length: > 0 } && Uri.TryCreate(monitor, UriKind.Absolute, out _))
        {
            // The monitor's task list with the same wildcard match get-panda-stat's selection uses.
            int days = window is null ? 120
                : Math.Max(1, (int)Math.Ceiling((time.GetUtcNow() - new DateTimeOffset(window.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).TotalDays) + 1);
            pandaLink = new Uri($"{WithSlash(monitor)}tasks/?taskname=*{Uri.EscapeDataString(jira)}*&days={days.ToString(CultureInfo.InvariantCulture)}");
        }
        Uri? dashboard = campaignLinks?.DashboardUrl(jira) is { } url ? new Uri(url) : null;
        return new ReportLinks(jiraLink, pandaLink, dashboard);
    }

    private static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
