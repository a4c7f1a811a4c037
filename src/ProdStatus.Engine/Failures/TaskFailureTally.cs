namespace ProdStatus.Engine.Failures;

/// <summary>
/// The failures of one PanDA task, grouped by cause and known-error entry (unknown causes also by code), as kept
/// in the store next to the task's statistics.
/// </summary>
/// <param name="Code">The deciding error of the example (<c>pilot 1212</c>).</param>
/// <param name="KnownName">The known-errors entry's name; null for a new failure.</param>
/// <param name="Attempts">Failed or cancelled attempts in this group.</param>
/// <param name="FinalFailures">Of those, attempts JEDI will not retry (see <see cref="FailedJob.IsFinal"/>).</param>
public sealed record FailureGroup(
    FailureCause Cause,
    string Code,
    string? KnownName,
    IReadOnlyList<string> Tickets,
    bool Rescue,
    long Attempts,
    long FinalFailures,
    long ExamplePandaId,
    string ExampleMessage)
{
    /// <summary>Longest example message kept (the monitor's diagnostics run to 1,500 characters).</summary>
    public const int MessageLength = 200;

    /// <summary>Groups with the same key are one row; unknown causes keep their code apart.</summary>
    public string Key => $"{Cause.Key()}|{KnownName}|{(Cause == FailureCause.Unknown ? Code : "")}";

    public static string Cut(string message)
    {
        string oneLine = message.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MessageLength ? oneLine : oneLine[..(MessageLength - 1)] + "…";
    }
}

/// <summary>Folds a task's failed attempts into <see cref="FailureGroup"/>s as the job list streams by.</summary>
public sealed class TaskFailureTally(FailureRules rules, KnownErrors known)
{
    private readonly Dictionary<string, FailureGroup> _groups = new(StringComparer.Ordinal);

    public void Add(FailedJob job)
    {
        var classification = rules.Classify(job);
        var entry = known.Match(job);
        var group = new FailureGroup(classification.Cause, classification.Code, entry?.Name, entry?.Tickets ?? [], entry?.Rescue ?? false,
            1, job.IsFinal ? 1 : 0, job.PandaId, FailureGroup.Cut(classification.Message));
        if (_groups.TryGetValue(group.Key, out var before))
        {
            // Keep the lowest pandaid as the example, so a re-read gives the same example.
            var example = before.ExamplePandaId <= job.PandaId ? before : group;
            group = example with { Attempts = before.Attempts + 1, FinalFailures = before.FinalFailures + group.FinalFailures };
        }
        _groups[group.Key] = group;
    }

    public IReadOnlyList<FailureGroup> Build() => _groups.Values.OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
}
