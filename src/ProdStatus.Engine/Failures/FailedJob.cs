using System.Globalization;

namespace ProdStatus.Engine.Failures;

/// <summary>
/// One failed or cancelled job attempt with the error fields the PanDA monitor returns for it.
/// Codes are 0 when unset; <see cref="TransExitCode"/> is text on the wire (<c>"137"</c>).
/// </summary>
public sealed record FailedJob
{
    public long PandaId { get; init; }

    /// <summary><c>failed</c> or <c>cancelled</c>.</summary>
    public string Status { get; init; } = "failed";

    public long AttemptNr { get; init; } = 1;

    /// <summary>Attempts JEDI allows; null when the monitor did not say.</summary>
    public long? MaxAttempt { get; init; }

    public long PilotErrorCode { get; init; }
    public string? PilotErrorDiag { get; init; }
    public long ExeErrorCode { get; init; }
    public string? ExeErrorDiag { get; init; }
    public string? TransExitCode { get; init; }
    public long DdmErrorCode { get; init; }
    public string? DdmErrorDiag { get; init; }
    public long BrokerageErrorCode { get; init; }
    public string? BrokerageErrorDiag { get; init; }
    public long TaskBufferErrorCode { get; init; }
    public string? TaskBufferErrorDiag { get; init; }
    public long SupErrorCode { get; init; }
    public string? SupErrorDiag { get; init; }
    public long JobDispatcherErrorCode { get; init; }
    public string? JobDispatcherErrorDiag { get; init; }

    /// <summary>Peak resident memory, kB (pilot/prmon).</summary>
    public double? MaxRssKb { get; init; }

    /// <summary>Requested memory, MB.</summary>
    public double? MinRamMb { get; init; }

    /// <summary>The attempt's wall time, seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Whether JEDI will not try this job again: the last allowed attempt, or a cancellation.</summary>
    public bool IsFinal => Status == "cancelled" || MaxAttempt is not { } max || AttemptNr >= max;

    /// <summary>The numeric transformation exit code; 0 when empty or not a number.</summary>
    public long TransCode => long.TryParse(TransExitCode, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : 0;

    /// <summary>maxrss as a fraction of the request; null when either is unknown.</summary>
    public double? RssOfRequest => MaxRssKb is > 0 && MinRamMb is > 0 ? MaxRssKb.Value / (MinRamMb.Value * 1024.0) : null;

    /// <summary>
    /// The errors this attempt carries, by source, in the source names of cm_tools' error table
    /// (<c>pilot</c>, <c>exe</c>, <c>trans</c>, <c>ddm</c>, <c>brokerage</c>, <c>taskbuffer</c>, <c>sup</c>,
    /// <c>jobdispatcher</c>). <c>trans</c> has no diag of its own: it borrows the payload's (exe, then pilot).
    /// </summary>
    public IEnumerable<ErrorField> Errors()
    {
        if (PilotErrorCode != 0) yield return new("pilot", PilotErrorCode, PilotErrorDiag);
        if (ExeErrorCode != 0) yield return new("exe", ExeErrorCode, ExeErrorDiag);
        if (TransCode != 0) yield return new("trans", TransCode, NonEmpty(ExeErrorDiag) ?? PilotErrorDiag);
        if (DdmErrorCode != 0) yield return new("ddm", DdmErrorCode, DdmErrorDiag);
        if (BrokerageErrorCode != 0) yield return new("brokerage", BrokerageErrorCode, BrokerageErrorDiag);
        if (TaskBufferErrorCode != 0) yield return new("taskbuffer", TaskBufferErrorCode, TaskBufferErrorDiag);
        if (SupErrorCode != 0) yield return new("sup", SupErrorCode, SupErrorDiag);
        if (JobDispatcherErrorCode != 0) yield return new("jobdispatcher", JobDispatcherErrorCode, JobDispatcherErrorDiag);
    }

    /// <summary>Every non-empty diagnostic, one per line.</summary>
    public string AllDiags => string.Join('\n', new[]
    {
        PilotErrorDiag, ExeErrorDiag, DdmErrorDiag, BrokerageErrorDiag, TaskBufferErrorDiag, SupErrorDiag, JobDispatcherErrorDiag,
    }.Where(d => !string.IsNullOrWhiteSpace(d)));

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>One error source of a job: <c>pilot 1305</c> and its diagnostic.</summary>
public readonly record struct ErrorField(string Source, long Code, string? Diag)
{
    public override string ToString() => $"{Source} {Code.ToString(CultureInfo.InvariantCulture)}";
}
