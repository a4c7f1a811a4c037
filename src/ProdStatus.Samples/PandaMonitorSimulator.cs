using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProdStatus.Samples;

/// <summary>
/// Answers monitor queries over a <see cref="PandaScenario"/> the way panda-bigmon-core does:
/// JSON only when asked, <c>days</c> windows, case-insensitive <c>taskname</c> wildcards, <c>jobstatus=a|b</c>,
/// retry dropping by default, <c>limit</c> per job table, <c>fields</c>, 400 for illegal integers. Answers stream.
/// </summary>
public sealed class PandaMonitorSimulator(PandaScenario scenario)
{
    private static readonly string[] IntegerParams = ["days", "hours", "limit", "jeditaskid", "reqid", "pandaid"];

    public sealed record Answer(HttpStatusCode Status, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync, string? Location = null);

    public Answer Handle(string path, IReadOnlyDictionary<string, string> query, bool acceptsJson)
    {
        if (!acceptsJson && !query.ContainsKey("json"))
        {
            return new Answer(HttpStatusCode.Found, "text/html", (_, _) => Task.CompletedTask, "/login/?next=" + Uri.EscapeDataString(path));
        }
        foreach (string name in IntegerParams)
        {
            if (query.TryGetValue(name, out string? value) && !value.Split('|', ',').All(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return Error(HttpStatusCode.BadRequest, $"Illegal value '{value}' for {name}");
            }
        }
        return path.TrimEnd('/') switch
        {
            "/idds/wfprogress" => Json((w, _) => WorkflowProgress(w, query)),
            "/tasks" => Json((w, _) => Tasks(w, query)),
            "/jobs" => JobsAnswer(query),
            _ => Error(HttpStatusCode.NotFound, "not found"),
        };
    }

    public static IReadOnlyDictionary<string, string> ParseQuery(string queryString)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]).ToLowerInvariant();
            result[name] = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
        }
        return result;
    }

    private Task WorkflowProgress(Utf8JsonWriter w, IReadOnlyDictionary<string, string> q)
    {
        var since = scenario.Now - TimeSpan.FromDays(Int(q, "days") ?? 7);
        w.WriteStartArray();
        foreach (var wf in scenario.Workflows.Where(x => x.CreatedAt > since))
        {
            PandaJsonShapes.WriteWorkflow(w, wf);
        }
        w.WriteEndArray();
        return Task.CompletedTask;
    }

    private Task Tasks(Utf8JsonWriter w, IReadOnlyDictionary<string, string> q)
    {
        IEnumerable<ScenarioTask> tasks = scenario.AllTasks;
        if (q.TryGetValue("taskname", out string? pattern))
        {
            var regex = Wildcard(pattern);
            tasks = tasks.Where(t => regex.IsMatch(t.TaskName));
        }
        if (Int(q, "reqid") is { } reqid)
        {
            tasks = tasks.Where(t => t.RequestId == reqid);
        }
        if (Int(q, "jeditaskid") is { } id)
        {
            tasks = tasks.Where(t => t.JediTaskId == id);
        }
        else
        {
            var since = scenario.Now - TimeSpan.FromDays(Int(q, "days") ?? 7);
            tasks = tasks.Where(t => (t.End ?? t.Start ?? t.CreatedAt) >= since || t.End is null);
        }
        w.WriteStartArray();
        foreach (var task in tasks.OrderByDescending(t => t.JediTaskId))
        {
            PandaJsonShapes.WriteTask(w, task);
        }
        w.WriteEndArray();
        return Task.CompletedTask;
    }

    private Answer JobsAnswer(IReadOnlyDictionary<string, string> q)
    {
        var task = Int(q, "jeditaskid") is { } id ? scenario.AllTasks.FirstOrDefault(t => t.JediTaskId == id) : null;
        var statuses = q.TryGetValue("jobstatus", out string? s) ? s.Split('|', ',').ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
        var fields = q.TryGetValue("fields", out string? f) ? f.Split(',').ToHashSet(StringComparer.Ordinal) : null;
        bool drop = !q.TryGetValue("mode", out string? mode) || mode != "nodrop";
        long limit = Int(q, "limit") ?? 200_000;
        bool onlyJobs = q.TryGetValue("outputs", out string? outputs) && outputs == "jobs";
        return Json(async (w, flushAsync) =>
        {
            w.WriteStartObject();
            if (!onlyJobs)
            {
                w.WriteStartArray("selectionsummary");
                w.WriteEndArray();
            }
            w.WriteStartArray("jobs");
            if (task is not null)
            {
                // The monitor applies the limit per job table (archived = final states, active = the rest).
                long archived = 0, active = 0, written = 0;
                foreach (var job in Select(task, statuses, drop))
                {
                    bool final = job.Status is "finished" or "failed" or "cancelled" or "closed";
                    if ((final ? ++archived : ++active) > limit)
                    {
                        continue;
                    }
                    PandaJsonShapes.WriteJob(w, task, job, fields, maxPssAsMegabytes: true);
                    if (++written % 2000 == 0)
                    {
                        await flushAsync();
                    }
                }
            }
            w.WriteEndArray();
            if (!onlyJobs)
            {
                w.WriteStartArray("errsByCount");
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }

    private static IEnumerable<ScenarioJob> Select(ScenarioTask task, HashSet<string>? statuses, bool drop)
    {
        // Attempts of a quantum are generated consecutively, so dropping superseded ones needs one look-ahead.
        ScenarioJob? pending = null;
        foreach (var job in task.Jobs())
        {
            if (drop && pending is { } p && p.Quantum == job.Quantum)
            {
                pending = job;
                continue;
            }
            if (pending is { } ready && (statuses is null || statuses.Contains(ready.Status)))
            {
                yield return ready;
            }
            pending = job;
        }
        if (pending is { } last && (statuses is null || statuses.Contains(last.Status)))
        {
            yield return last;
        }
    }

    /// <summary>JSON written through a pipe and flushed as it goes: a million jobs stream out without being held in memory.</summary>
    private static Answer Json(Func<Utf8JsonWriter, Func<Task>, Task> write) => new(HttpStatusCode.OK, "application/json", async (stream, ct) =>
    {
        var pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true }))
        {
            await write(writer, async () =>
            {
                writer.Flush();
                await pipe.FlushAsync(ct);
            });
            writer.Flush();
        }
        await pipe.CompleteAsync();
    });

    private static Answer Error(HttpStatusCode status, string message) => new(status, "application/json", async (stream, ct) =>
        await JsonSerializer.SerializeAsync(stream, new Dictionary<string, string> { ["error"] = message }, cancellationToken: ct));

    private static long? Int(IReadOnlyDictionary<string, string> q, string name) =>
        q.TryGetValue(name, out string? v) && long.TryParse(v.Split('|', ',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;

    private static Regex Wildcard(string pattern) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
