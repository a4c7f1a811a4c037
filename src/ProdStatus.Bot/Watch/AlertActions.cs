using ProdStatus.Engine.Watch;

namespace ProdStatus.Bot.Watch;

/// <summary>
/// The alert buttons (<c>prodstat_snooze_1h</c>, <c>prodstat_snooze_1d</c>, <c>prodstat_snooze_state</c>,
/// <c>prodstat_ack</c>): the interactions endpoint calls <see cref="HandleActionAsync"/> with the button's value, the
/// alert's dedup key.
/// </summary>
public sealed class AlertActions(WatchRepository store, TimeProvider time)
{
    public static bool Handles(string actionId) => actionId is SlackAlertPoster.Snooze1h or SlackAlertPoster.Snooze1d
        or SlackAlertPoster.SnoozeState or SlackAlertPoster.Ack;

    /// <returns>The text to post in the alert's thread (who snoozed or acknowledged it), or null when the button is not ours or the alert is unknown.</returns>
    public async Task<string?> HandleActionAsync(string actionId, string value, string channel, string user, CancellationToken cancellationToken = default)
    {
        int bar = value.IndexOf('|', StringComparison.Ordinal);
        if (!Handles(actionId) || bar <= 0)
        {
            return null;
        }
        string issue = value[..bar];
        var now = time.GetUtcNow();
        bool known = actionId switch
        {
            SlackAlertPoster.Snooze1h => await store.SnoozeAsync(issue, value, now.AddHours(1), untilStateChange: false, cancellationToken),
            SlackAlertPoster.Snooze1d => await store.SnoozeAsync(issue, value, now.AddDays(1), untilStateChange: false, cancellationToken),
            SlackAlertPoster.SnoozeState => await store.SnoozeAsync(issue, value, null, untilStateChange: true, cancellationToken),
            _ => await store.AcknowledgeAsync(issue, value, user, cancellationToken),
        };
        if (!known)
        {
            return null;
        }
        return actionId switch
        {
            SlackAlertPoster.Snooze1h => $"<@{user}> snoozed this alert for 1 hour.",
            SlackAlertPoster.Snooze1d => $"<@{user}> snoozed this alert for 1 day.",
            SlackAlertPoster.SnoozeState => $"<@{user}> snoozed this alert until a workflow of {issue} changes state.",
            _ => $"<@{user}> acknowledged this alert.",
        };
    }
}
