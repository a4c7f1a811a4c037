namespace ProdStatus.Engine.Failures;

/// <summary>Why a PanDA job attempt failed, in the small set every report and alert uses (docs/watches.md).</summary>
public enum FailureCause
{
    /// <summary>Preempted, or killed by the batch system, the PanDA server or an operator.</summary>
    Preempted,

    /// <summary>Ran out of memory: maxrss near or above the request, OOM exit codes, pilot memory errors.</summary>
    OutOfMemory,

    /// <summary>Hit the batch system's wall-time (or CPU-time) limit.</summary>
    WallTime,

    /// <summary>An input was missing, or staging a file in or out failed.</summary>
    StageInOut,

    /// <summary>The payload (the science pipeline) exited non-zero; the Python exception line is kept.</summary>
    Pipeline,

    /// <summary>The site or the PanDA infrastructure failed (disk, containers, lost heartbeat, brokerage).</summary>
    Site,

    /// <summary>No rule matched; the error code is kept.</summary>
    Unknown,
}

/// <summary>Names of <see cref="FailureCause"/> in files (<c>out-of-memory</c>) and for people (<c>out of memory</c>).</summary>
public static class FailureCauses
{
    private static readonly (FailureCause Cause, string Key, string Text)[] Names =
    [
        (FailureCause.Preempted, "preempted", "preempted/killed"),
        (FailureCause.OutOfMemory, "out-of-memory", "out of memory"),
        (FailureCause.WallTime, "wall-time", "wall-time exceeded"),
        (FailureCause.StageInOut, "stage-in-out", "missing input/stage-in/out"),
        (FailureCause.Pipeline, "pipeline", "pipeline error"),
        (FailureCause.Site, "site", "site/infrastructure"),
        (FailureCause.Unknown, "unknown", "unknown"),
    ];

    /// <summary>The key used in the rules file and the store.</summary>
    public static string Key(this FailureCause cause) => Names.First(n => n.Cause == cause).Key;

    /// <summary>The words shown in reports.</summary>
    public static string Text(this FailureCause cause) => Names.First(n => n.Cause == cause).Text;

    public static bool TryParse(string key, out FailureCause cause)
    {
        foreach (var n in Names)
        {
            if (string.Equals(n.Key, key, StringComparison.Ordinal))
            {
                cause = n.Cause;
                return true;
            }
        }
        cause = FailureCause.Unknown;
        return false;
    }

    /// <summary>Every key, for error messages.</summary>
    public static string AllKeys => string.Join(", ", Names.Select(n => n.Key));
}
