using System.Globalization;
using System.Text.Json;

namespace ProdStatus.Samples;

/// <summary>Writes monitor objects in the key sets and value styles of each generation.</summary>
public static class PandaJsonShapes
{
    public static void WriteWorkflow(Utf8JsonWriter w, ScenarioWorkflow wf)
    {
        long total = wf.Tasks.Sum(t => t.NFiles);
        long processed = wf.Tasks.Sum(t => t.NFilesFinished);
        long failed = wf.Tasks.Sum(t => t.NFilesFailed);
        var statuses = wf.Tasks.GroupBy(t => ProcessingStatus(t.Status)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        bool legacy = wf.Flavour == PandaFlavour.Legacy2022;
        w.WriteStartObject();
        w.WriteNumber("request_id", wf.RequestId);
        w.WriteString("r_status", legacy ? wf.Status.ToLowerInvariant() : wf.Status);
        w.WriteString("created_at", Space(wf.CreatedAt));
        w.WriteNumber("total_tasks", wf.Tasks.Count);
        w.WriteStartObject("tasks_statuses");
        foreach (var g in statuses)
        {
            w.WriteNumber(g.Key, g.Count());
        }
        w.WriteEndObject();
        if (legacy)
        {
            w.WriteStartObject("tasks_links");
            foreach (var g in statuses)
            {
                w.WriteString(g.Key, string.Join('|', g.Select(t => t.JediTaskId)));
            }
            w.WriteEndObject();
            w.WriteNumber("remaining_files", total - processed);
            w.WriteNumber("processed_files", processed);
            w.WriteNumber("processing_files", 0);
            w.WriteNumber("total_files", total);
            w.WriteString("tasks_links_all", string.Join('|', wf.Tasks.Select(t => t.JediTaskId)));
            w.WriteString("r_name", wf.Name.ToLowerInvariant());
        }
        else
        {
            w.WriteNumber("finished_files", total == 0 ? 0 : Math.Round(100.0 * processed / total, 2));
            w.WriteNumber("failed_files", total == 0 ? 0 : Math.Round(100.0 * failed / total, 2));
            w.WriteNumber("unreleased_files", total - processed);
            w.WriteNumber("released_files", processed);
            w.WriteNumber("processing_files", 0);
            w.WriteNumber("total_files", total);
            w.WriteNumber("total_jedi_files", total);
            w.WriteString("transform_type", "Processing");
            w.WriteString("transform_tag", "");
            w.WriteString("campaign", "");
            w.WriteString("r_name", wf.Name);
            w.WriteString("cloud", "US");
            w.WriteString("site", "SLAC");
        }
        w.WriteString("username", "Not set");
        w.WriteEndObject();
    }

    public static void WriteTask(Utf8JsonWriter w, ScenarioTask t)
    {
        bool legacy = t.Flavour == PandaFlavour.Legacy2022;
        w.WriteStartObject();
        w.WriteNumber("jeditaskid", t.JediTaskId);
        w.WriteString("taskname", t.TaskName);
        w.WriteString("status", t.Status);
        w.WriteString("superstatus", t.Status);
        w.WriteString("username", "iDDS");
        w.WriteNumber("reqid", t.RequestId);
        // 2022 servers pre-formatted some dates with a space and left others ISO, in one object.
        w.WriteString("creationdate", legacy ? Space(t.CreatedAt) : Iso(t.CreatedAt));
        WriteTime(w, "modificationtime", t.End ?? t.Start ?? t.CreatedAt, legacy);
        WriteTime(w, "starttime", t.Start, legacy);
        WriteTime(w, "endtime", t.End, legacy: false);
        w.WriteNull("lockedtime");
        w.WriteString("site", "SLAC_Rubin");
        w.WriteString("vo", "wlcg");
        w.WriteNumber("corecount", 1);
        w.WriteNumber("ramcount", 4096);
        w.WriteString("ramunit", "MB");
        w.WriteNumber("attemptnr", 0);
        w.WriteString("splitrule", "NF=1,MW=90000,NT=1,PL=1,IS=1,EJ=1");
        w.WriteString("errordialog", "");
        w.WriteStartObject("dsinfo");
        WriteFileCounts(w, t);
        w.WriteEndObject();
        WriteFileCounts(w, t);
        if (!legacy)
        {
            w.WriteNumber("duration_days", t.Start is { } s && t.End is { } e ? Math.Round((e - s).TotalDays, 3) : 0);
        }
        w.WriteEndObject();
    }

    /// <param name="fields">The monitor's <c>fields=</c>: only these keys (and it forgets <c>pandaid</c> unless named).</param>
    /// <param name="maxPssAsMegabytes">With <c>jeditaskid</c> in the query the monitor rewrites <c>maxpss</c> to a string in MB.</param>
    public static void WriteJob(Utf8JsonWriter w, ScenarioTask task, in ScenarioJob job, IReadOnlySet<string>? fields, bool maxPssAsMegabytes)
    {
        bool legacy = task.Flavour == PandaFlavour.Legacy2022;
        bool Keep(string key) => fields is null || fields.Contains(key);
        w.WriteStartObject();
        if (Keep("pandaid")) w.WriteNumber("pandaid", job.PandaId);
        if (Keep("jeditaskid")) w.WriteNumber("jeditaskid", task.JediTaskId);
        if (Keep("reqid")) w.WriteNumber("reqid", task.RequestId);
        if (Keep("jobname")) w.WriteString("jobname", $"{task.TaskName}.{job.PandaId}");
        if (Keep("jobstatus")) w.WriteString("jobstatus", job.Status);
        if (Keep("attemptnr")) w.WriteNumber("attemptnr", job.AttemptNr);
        if (Keep("maxattempt")) w.WriteNumber("maxattempt", MaxAttempt);
        if (Keep("creationtime")) w.WriteString("creationtime", Iso(task.CreatedAt));
        if (Keep("starttime")) WriteTime(w, "starttime", job.Start, legacy: false);
        if (Keep("endtime")) WriteTime(w, "endtime", job.End, legacy: false);
        long duration = job.Start is { } s && job.End is { } e ? (long)(e - s).TotalSeconds : 0;
        if (Keep("durationsec")) w.WriteNumber("durationsec", duration);
        if (Keep("cpuconsumptiontime"))
        {
            if (legacy) w.WriteNumber("cpuconsumptiontime", (long)Math.Round(job.CpuSeconds));
            else w.WriteNumber("cpuconsumptiontime", Math.Round(job.CpuSeconds, 2));
        }
        if (Keep("cpuconsumptionunit")) w.WriteString("cpuconsumptionunit", "s+Intel(R) Xeon(R) CPU @ 2.80GHz 33792 KB+AVX2");
        if (Keep("maxrss")) w.WriteNumber("maxrss", job.MaxRssKb);
        if (Keep("maxpss"))
        {
            long pss = job.MaxRssKb * 95 / 100;
            if (maxPssAsMegabytes) w.WriteString("maxpss", (pss / 1000.0).ToString("0.00", CultureInfo.InvariantCulture));
            else w.WriteNumber("maxpss", pss);
        }
        if (Keep("actualcorecount")) w.WriteNumber("actualcorecount", 1);
        if (Keep("minramcount")) w.WriteNumber("minramcount", task.RequestedRamMb);
        if (Keep("minramunit")) w.WriteString("minramunit", "MB");
        if (Keep("maxdiskunit")) w.WriteString("maxdiskunit", "MB  ");
        if (Keep("computingsite")) w.WriteString("computingsite", "SLAC_Rubin");
        PandaJobErrors.Write(w, job.Failure, Keep, legacy);
        w.WriteEndObject();
    }

    /// <summary>Attempts JEDI allows a job in the sample campaign (quanta that fail everything fail three times).</summary>
    public const int MaxAttempt = 3;


    private static void WriteFileCounts(Utf8JsonWriter w, ScenarioTask t)
    {
        w.WriteNumber("nfiles", t.NFiles);
        w.WriteNumber("nfilesfinished", t.NFilesFinished);
        w.WriteNumber("nfilesfailed", t.NFilesFailed);
        w.WriteNumber("pctfinished", t.NFiles == 0 ? 0 : Math.Round(100.0 * t.NFilesFinished / t.NFiles, 1));
        w.WriteNumber("pctfailed", t.NFiles == 0 ? 0 : Math.Round(100.0 * t.NFilesFailed / t.NFiles, 1));
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value, bool legacy)
    {
        if (value is { } v)
        {
            w.WriteString(name, legacy ? Space(v) : Iso(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string ProcessingStatus(string jediStatus) => jediStatus switch
    {
        "done" => "Finished",
        "finished" => "SubFinished",
        "failed" or "broken" or "aborted" => "Failed",
        "running" or "scouting" => "Running",
        _ => "New",
    };

    private static string Space(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
