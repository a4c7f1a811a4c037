using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Reports;

/// <summary>
/// A PanDA monitor on loopback with one small campaign (PREOPS-905, 2022-01-27): a finished workflow with two task
/// types and a subfinished one with a failed job. Answers <c>idds/wfprogress</c>, <c>tasks</c> and <c>jobs</c> in the
/// 2022 JSON shapes, enough for report commands to run end to end.
/// </summary>
public sealed class PandaMonitorStub : LoopbackServer
{
    public const string Jira = "PREOPS-905";
    private static readonly (long Request, string Name, string Status, string[] Labels)[] Workflows =
    [
        (4001, $"u_prodops_{Jira}_step1_20220127T205646Z", "Finished", ["isr", "characterizeImage"]),
        (4002, $"u_prodops_{Jira}_step2_20220127T225646Z", "SubFinished", ["makeWarp"]),
    ];

    protected override void MapRoutes(WebApplication app)
    {
        app.MapGet("/idds/wfprogress/", () => Results.Json(Workflows.Select(w => new Dictionary<string, object>
        {
            ["request_id"] = w.Request, ["r_name"] = w.Name, ["r_status"] = w.Status,
            ["created_at"] = Stamp(w.Name).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["total_tasks"] = w.Labels.Length, ["total_files"] = 30 * w.Labels.Length, ["remaining_files"] = 0,
            ["processed_files"] = 30 * w.Labels.Length,
            ["tasks_statuses"] = w.Status == "Finished" ? new Dictionary<string, long> { ["Finished"] = w.Labels.Length }
                : new Dictionary<string, long> { ["SubFinished"] = 1 },
        })));
        app.MapGet("/tasks/", (string taskname) => Results.Json(Tasks()
            .Where(t => t.Name.StartsWith(taskname.TrimEnd('*'), StringComparison.OrdinalIgnoreCase))
            .Select(t => new Dictionary<string, object>
            {
                ["jeditaskid"] = t.Id, ["taskname"] = t.Name, ["status"] = t.Failed ? "finished" : "done", ["reqid"] = t.Request,
                ["starttime"] = "2022-01-27 23:00:00", ["endtime"] = "2022-01-28 01:00:00",
                ["dsinfo"] = new Dictionary<string, long> { ["nfiles"] = 30, ["nfilesfinished"] = t.Failed ? 29 : 30, ["nfilesfailed"] = t.Failed ? 1 : 0 },
            })));
        app.MapGet("/jobs/", (long jeditaskid) =>
        {
            var task = Tasks().Single(t => t.Id == jeditaskid);
            var jobs = Enumerable.Range(0, 30).Select(i => new Dictionary<string, object>
            {
                ["pandaid"] = jeditaskid * 100 + i, ["jobstatus"] = task.Failed && i == 0 ? "failed" : "finished", ["attemptnr"] = 1,
                ["starttime"] = "2022-01-27 23:00:00", ["endtime"] = "2022-01-27 23:10:00", ["durationsec"] = 600,
                ["cpuconsumptiontime"] = 480, ["maxrss"] = 2_097_152,
            });
            return Results.Text(JsonSerializer.Serialize(new { jobs }), "application/json");
        });
    }

    private static IEnumerable<(long Id, long Request, string Name, bool Failed)> Tasks() =>
        Workflows.SelectMany((w, wi) => w.Labels.Select((label, li) =>
            (Id: 9000L + wi * 10 + li, w.Request, Name: $"{w.Name}_{label}_{w.Request}_{li + 1}", Failed: w.Status == "SubFinished")));

    private static DateTime Stamp(string name) =>
        DateTime.ParseExact(name[^16..], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
