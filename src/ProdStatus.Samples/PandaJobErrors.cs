using System.Text.Json;

namespace ProdStatus.Samples;

/// <summary>The error fields of a job object as the monitor writes them, for each <see cref="JobFailure"/>.</summary>
public static class PandaJobErrors
{
    private sealed record Fields(long Pilot = 0, string? PilotDiag = null, long Exe = 0, string? ExeDiag = null, string Trans = "0",
        long Ddm = 0, string? DdmDiag = null, long TaskBuffer = 0, string? TaskBufferDiag = null, long Dispatcher = 0,
        string? DispatcherDiag = null, string? RawPilotDiag = null);

    private static Fields For(JobFailure failure) => failure switch
    {
        JobFailure.PipelineKnown => new(1305, "Failed to execute payload:cannot convert float NaN to integer", 1,
            "Execution of task 'calibrate' on quantum {instrument: 'HSC', detector: 42, visit: 1228} failed. Exception ValueError: cannot convert float NaN to integer",
            "1"),
        JobFailure.PipelineNew => new(1305, "Failed to execute payload:'coord_ra'", 1,
            "Traceback (most recent call last):\n  File \"/opt/lsst/software/stack/conda/lib/python3.11/site-packages/lsst/pipe/base/connections.py\", line 512, in adjustQuantum\n    ra = catalog['coord_ra']\nKeyError: 'coord_ra'",
            "1"),
        JobFailure.OutOfMemory => new(PilotDiag: "Transform received signal SIGKILL", Trans: "137"),
        JobFailure.Preempted => new(1379, "Job was preempted"),
        JobFailure.LostHeartbeat => new(Dispatcher: 100, DispatcherDiag: "lost heartbeat"),
        JobFailure.StageIn => new(1099, "Failed to stage-in file: s3://rubin-sample/repo/raw/HSC/1228/42.fits: [Errno 5] connection reset by peer"),
        JobFailure.WallTime => new(1213, "Reached batch system time limit"),
        // Real diagnostics carry arbitrary Unicode, even a lone escaped surrogate (valid JSON, invalid UTF-16).
        JobFailure.SiteResource => new(1344, RawPilotDiag: "\"Exception caught: [Errno 11] Resource temporarily unavailable \\u00fcberlastet \\u2013 \\u2603 \\ud83d\""),
        _ => new(),
    };

    /// <param name="legacy">2022 servers sent <c>''</c> for empty diagnostics; current ones send null.</param>
    public static void Write(Utf8JsonWriter w, JobFailure failure, Func<string, bool> keep, bool legacy)
    {
        var f = For(failure);
        void Code(string name, long value)
        {
            if (keep(name)) w.WriteNumber(name, value);
        }
        void Diag(string name, string? value)
        {
            if (!keep(name)) return;
            if (value is not null) w.WriteString(name, value);
            else if (legacy) w.WriteString(name, "");
            else w.WriteNull(name);
        }
        if (keep("transexitcode")) w.WriteString("transexitcode", f.Trans);
        Code("piloterrorcode", f.Pilot);
        if (keep("piloterrordiag") && f.RawPilotDiag is not null)
        {
            w.WritePropertyName("piloterrordiag");
            w.WriteRawValue(f.RawPilotDiag, skipInputValidation: true);
        }
        else
        {
            Diag("piloterrordiag", f.PilotDiag);
        }
        Code("exeerrorcode", f.Exe);
        Diag("exeerrordiag", f.ExeDiag);
        Code("ddmerrorcode", f.Ddm);
        Diag("ddmerrordiag", f.DdmDiag);
        Code("brokerageerrorcode", 0);
        Diag("brokerageerrordiag", null);
        Code("taskbuffererrorcode", f.TaskBuffer);
        Diag("taskbuffererrordiag", f.TaskBufferDiag);
        Code("superrorcode", 0);
        Diag("superrordiag", null);
        Code("jobdispatchererrorcode", f.Dispatcher);
        Diag("jobdispatchererrordiag", f.DispatcherDiag);
    }
}
