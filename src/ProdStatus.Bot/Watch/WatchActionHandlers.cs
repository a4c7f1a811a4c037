using System.Text.Json.Nodes;
using ProdStatus.Bot.Slack;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Bot.Watch;

/// <summary><c>prodstat_watch</c> on a live message: the channel watches the campaign with the default thresholds.</summary>
internal sealed class WatchButtonHandler(WatchCommands watches, LiveMessages live) : ISlackActionHandler
{
    public async Task HandleAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken)
    {
        string answer = await watches.RunAsync(new SlashCommand(SlashCommand.WatchVerb, action.Issue), action.ChannelId, action.UserId, cancellationToken);
        await live.AnswerOnceAsync(job, action.ResponseUrl, answer, cancellationToken);
    }
}

/// <summary>
/// The Snooze and Acknowledge buttons of an alert (value <c>ISSUE|dedup key</c>): recorded by <see cref="AlertActions"/>,
/// then said once in the campaign's thread (who snoozed or acknowledged it).
/// </summary>
internal sealed class AlertButtonHandler(AlertActions alerts, ILiveMessageLocator threads, SlackWebClient slack, EffectJournal journal)
    : ISlackActionHandler
{
    public async Task HandleAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken)
    {
        string value = action.Issue ?? "";
        if (await alerts.HandleActionAsync(action.ActionId, value, action.ChannelId, action.UserId, cancellationToken) is not { } text)
        {
            return;
        }
        string issue = value[..value.IndexOf('|', StringComparison.Ordinal)];
        string? thread = await threads.FindThreadAsync(issue, action.ChannelId, cancellationToken) ?? action.MessageTs;
        var message = new JsonObject { ["text"] = text };
        if (thread is not null)
        {
            message["thread_ts"] = thread;
        }
        await journal.RunOnceAsync(job.Id, Effects.ChannelPost, lookup: null,
            async ct => await slack.PostMessageAsync(action.ChannelId, message, ct), cancellationToken);
    }
}

/// <summary>Alerts go under the campaign's live message in that channel, when there is one.</summary>
internal sealed class LiveMessageThreads(LiveMessageRepository store) : ILiveMessageLocator
{
    public async Task<string?> FindThreadAsync(string issue, string channel, CancellationToken cancellationToken = default) =>
        (await store.GetAsync(issue, channel, cancellationToken))?.Ts;
}
