using System.Globalization;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Watch;

/// <summary>Which rule an alert comes from; the text is its key in the store and in dedup keys.</summary>
public enum AlertRule
{
    WorkflowState,
    FailureRate,
    Stall,
    NewCause,
}

/// <summary>
/// The watch rules, pure: conditions (failure rate over the threshold, stall) hold or not in the current snapshot;
/// events (a workflow changed state, a new cause in a task type) are differences from the previous snapshot.
/// </summary>
public static class WatchRules
{
    public static string Key(this AlertRule rule) => rule switch
    {
        AlertRule.WorkflowState => "workflow-state",
        AlertRule.FailureRate => "failure-rate",
        AlertRule.Stall => "stall",
        _ => "new-cause",
    };

    /// <summary>Conditions are posted when they start and once more when they clear; events are posted once.</summary>
    public static bool IsCondition(this AlertRule rule) => rule is AlertRule.FailureRate or AlertRule.Stall;

    /// <param name="previous">The stored snapshot; null on the first poll, which only sets the baseline for events.</param>
    public static IReadOnlyList<Finding> Evaluate(CampaignSnapshot? previous, CampaignSnapshot current, WatchThresholds t, DateTimeOffset now)
    {
        var findings = new List<Finding>();
        string issue = current.Issue;
        if (previous is not null)
        {
            var before = previous.Workflows.ToDictionary(w => w.Key, w => w.Status, StringComparer.Ordinal);
            foreach (var w in current.Workflows)
            {
                string? was = before.GetValueOrDefault(w.Key);
                if (was != w.Status)
                {
                    findings.Add(new Finding(issue, AlertRule.WorkflowState, w.Key, w.Status,
                        $":arrows_counterclockwise: {issue}: workflow {w.Key} {(was is null ? "appeared as" : $"went from {was} to")} {w.Status}"));
                }
            }
            var causesBefore = previous.TaskTypes.ToDictionary(x => x.Row, x => x.Causes.ToHashSet(), StringComparer.Ordinal);
            foreach (var type in current.TaskTypes)
            {
                var seen = causesBefore.GetValueOrDefault(type.Row) ?? [];
                foreach (var cause in type.Causes.Where(c => !seen.Contains(c)))
                {
                    findings.Add(new Finding(issue, AlertRule.NewCause, type.Row, $"{cause.Cause} · {cause.Known}",
                        $":new: {issue}: new failure cause in {type.Row}: {cause.Cause}, {cause.Known}"));
                }
            }
            var stalled = now - current.LastProgressUtc;
            if (current.WorkRemains && stalled >= t.Stall)
            {
                findings.Add(new Finding(issue, AlertRule.Stall, "", "",
                    $":hourglass: {issue}: no job finished for {UtcTimestamps.FormatDuration(stalled)} (since {UtcTimestamps.Format(current.LastProgressUtc)} UTC) while work remains"));
            }
        }
        foreach (var type in current.TaskTypes)
        {
            if (type.FailureRate(t.MinJobs, t.IncludePreemption) is { } rate && rate * 100 > t.FailurePercent)
            {
                long failed = type.FinalFailures + (t.IncludePreemption ? type.PreemptedFinal : 0);
                findings.Add(new Finding(issue, AlertRule.FailureRate, type.Row, "",
                    string.Create(CultureInfo.InvariantCulture,
                        $":warning: {issue}: {type.Row} failure rate {100 * rate:0.0}% ({failed} of {type.Finished + failed} jobs finally failed; threshold {t.FailurePercent:0.#}%)")));
            }
        }
        return findings;
    }
}

/// <summary>One thing a rule found. <see cref="Key"/> is the dedup key: issue, rule, task type, cause.</summary>
public sealed record Finding(string Issue, AlertRule Rule, string TaskType, string Cause, string Text)
{
    public string Key => $"{Issue}|{Rule.Key()}|{TaskType}|{Cause}";
}

/// <summary>What a poll posts.</summary>
public enum AlertKind
{
    /// <summary>A condition started (or is still on when its snooze ended).</summary>
    Fired,

    /// <summary>A condition that was posted no longer holds.</summary>
    Cleared,

    /// <summary>A one-time event (state change, new cause).</summary>
    Event,
}

/// <summary>An alert to post (a thread reply in Slack, a line from watch-once).</summary>
public sealed record WatchAlert(string Key, AlertRule Rule, AlertKind Kind, string TaskType, string Cause, string Text)
{
    /// <summary>The issue, the first part of <see cref="Key"/>.</summary>
    public string Issue => Key[..Key.IndexOf('|', StringComparison.Ordinal)];
}
