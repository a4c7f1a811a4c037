using Microsoft.Extensions.Options;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Store;

namespace ProdStatus.Bot.Slack;

/// <summary>
/// One message per (campaign, channel) that stays current: posted once with <c>chat.postMessage</c>, then edited
/// with <c>chat.update</c>; changes are told in its thread. Every post is made once per job, whatever happens:
/// the parent post is claimed in the store before it is sent and its <c>ts</c> stored after; replies, files and
/// ephemeral answers are effects of the job in the <see cref="EffectJournal"/>, and one whose outcome is unknown is never sent again.
/// </summary>
public sealed partial class LiveMessages(
    SlackWebClient web,
    SlackPacing pacing,
    LiveMessageRepository store,
    CampaignStatsRunner stats,
    CampaignReportBuilder reports,
    CampaignPdfRenderer pdf,
    SlackResponder responder,
    ICampaignLinks links,
    EffectJournal journal,
    IOptions<SlackWebOptions> webOptions,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<LiveMessages> logger)
{
    /// <summary>Another job's unfinished claim on a first post is taken over after this long.</summary>
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    /// <summary>Live messages need the bot token (and <c>LiveMessages</c> on); otherwise answers go to <c>response_url</c> as before.</summary>
    public bool Enabled => !string.IsNullOrEmpty(webOptions.Value.BotToken) && webOptions.Value.LiveMessages;

    /// <summary>What one refresh of a live message did.</summary>
    /// <param name="Ts">The message, or null when it could not be posted now (another post under way or in doubt).</param>
    /// <param name="Posted">A new parent message was posted.</param>
    /// <param name="Changed">The campaign changed since the message last showed it.</param>
    public sealed record Outcome(string? Ts, bool Posted, bool Changed);

    /// <summary><c>/prodstat stats ISSUE</c> with a bot token: the live message in that channel, and its link to the requester.</summary>
    public async Task AnswerStatsAsync(InboxJob job, SlackCommandJob command, CancellationToken cancellationToken)
    {
        string issue = command.Issue!;
        var outcome = await ShowAsync(job, issue, command.ChannelId, cancellationToken);
        string text = outcome.Ts is { } ts
            ? $"Live campaign message for *{issue}*: {await PermalinkAsync(issue, command.ChannelId, ts, cancellationToken)}"
            : $"The live message for *{issue}* is not confirmed yet (another post of it is under way, or an earlier one's outcome is unknown); try again in a few minutes.";
        await AnswerOnceAsync(job, command.ResponseUrl, text, cancellationToken);
    }

    /// <summary>
    /// Refreshes the live message of (issue, channel), posting it if there is none. A request made before the message's
    /// data was fetched is already answered by it: nothing is fetched or sent again (bursts of refreshes coalesce).
    /// </summary>
    public async Task<Outcome> ShowAsync(InboxJob job, string issue, string channel, CancellationToken cancellationToken)
    {
        RequireToken();
        var row = await store.GetAsync(issue, channel, cancellationToken);
        if (row is { Ts: { } shown, DataAsOf: { } asOf } && asOf >= job.CreatedUtc)
        {
            Log.Coalesced(logger, issue, channel);
            return new Outcome(shown, false, false);
        }
        var started = time.GetUtcNow();
        var result = (await stats.RunAsync(issue, cancellationToken)).Stats;
        return await PublishAsync(job, result, reports.Build(result), started, channel, cancellationToken);
    }

    /// <summary>A refresh from outside Slack (a Jira transition): every live message of the issue, plus the team channel's.</summary>
    public async Task RefreshAllAsync(InboxJob job, PandaStatResult result, CampaignReport report, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var channels = (await store.ListAsync(report.Jira, cancellationToken)).Select(m => m.Channel).ToList();
        string? team = webOptions.Value.Channel is { Length: > 0 } c ? c : null;
        if (team is not null && !channels.Contains(team))
        {
            channels.Add(team);
        }
        foreach (string channel in channels)
        {
            var outcome = await PublishAsync(job, result, report, started, channel, cancellationToken);
            if (channel == team && outcome is { Ts: { } ts } && (outcome.Posted || outcome.Changed))
            {
                await UploadOnceAsync(job, $"pdf:{channel}", channel, ts, report, cancellationToken);
            }
        }
    }

    /// <summary>The <c>prodstat_pdf</c> button: the PDF summary into the live message's thread.</summary>
    public async Task UploadPdfAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken)
    {
        RequireToken();
        var row = await store.GetAsync(action.Issue!, action.ChannelId, cancellationToken);
        if (row?.Ts is not { } ts)
        {
            await AnswerOnceAsync(job, action.ResponseUrl, $"There is no live message for *{action.Issue}* here yet: type `/prodstat stats {action.Issue}`.", cancellationToken);
            return;
        }
        var result = (await stats.RunAsync(action.Issue!, cancellationToken)).Stats;
        await UploadOnceAsync(job, "pdf", action.ChannelId, ts, reports.Build(result), cancellationToken);
    }

    /// <summary>The <c>prodstat_mute</c> button: stops (or resumes) thread replies in this channel.</summary>
    public async Task ToggleMuteAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken)
    {
        RequireToken();
        var row = await store.GetAsync(action.Issue!, action.ChannelId, cancellationToken);
        bool muted = !(row?.Muted ?? false);
        await store.SetMutedAsync(action.Issue!, action.ChannelId, muted, cancellationToken);
        await AnswerOnceAsync(job, action.ResponseUrl, muted
            ? $"Thread updates for *{action.Issue}* are muted in this channel; the message itself stays current."
            : $"Thread updates for *{action.Issue}* are on again in this channel.", cancellationToken);
    }

    /// <summary>The job's one ephemeral answer through <c>response_url</c> (effect <see cref="Effects.ResponseUrl"/>).</summary>
    public async Task AnswerOnceAsync(InboxJob job, string? responseUrl, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(responseUrl))
        {
            return;
        }
        await OnceAsync(job, Effects.ResponseUrl, async () =>
        {
            await responder.PostAsync(responseUrl, LiveBlocks.Ephemeral(text), cancellationToken);
            return "";
        }, cancellationToken);
    }

    private void RequireToken()
    {
        if (!Enabled)
        {
            throw new UserInputException($"Slack: live messages need {SlackWebOptions.Section}:BotToken");
        }
    }

    private async Task<Outcome> PublishAsync(InboxJob job, PandaStatResult result, CampaignReport report, DateTimeOffset started, string channel,
        CancellationToken cancellationToken)
    {
        string issue = report.Jira;
        var state = LiveCampaignState.From(result, started);
        await store.SaveCampaignStateAsync(issue, state, cancellationToken);
        var row = await store.GetAsync(issue, channel, cancellationToken);
        if (row is { DataAsOf: { } asOf } && asOf >= started)
        {
            return new Outcome(row.Ts, false, false); // a newer refresh already shows newer data
        }
        var next = options.Value.LiveRefreshMinutes > 0 && !state.Finished ? started.AddMinutes(options.Value.LiveRefreshMinutes) : (DateTimeOffset?)null;
        var message = LiveBlocks.Message(report, state, row?.Muted ?? false, links.DashboardUrl(issue) is { } dashboard ? new Uri(dashboard) : null, next);
        if (row?.Ts is { } ts)
        {
            try
            {
                await pacing.UpdateAsync(channel, ts, message, (m, ct) => web.UpdateMessageAsync(channel, ts, m, ct), cancellationToken);
            }
            catch (SlackApiException e) when (e.ErrorCode == "message_not_found")
            {
                Log.Deleted(logger, issue, channel);
                await store.ForgetMessageAsync(issue, channel, ts, cancellationToken);
                row = row with { Ts = null };
            }
        }
        if (row?.Ts is null)
        {
            string? posted = await PostParentAsync(job, issue, channel, message, cancellationToken);
            if (posted is not null)
            {
                await store.SaveStateAsync(issue, channel, state, started, cancellationToken);
            }
            return new Outcome(posted, posted is not null, false);
        }
        var changes = row.State is { } before ? LiveCampaignState.Changes(before, state) : [];
        if (changes.Count > 0 && !row.Muted)
        {
            // Keyed by the state replied to: a retry of this refresh finds the reply made (or in doubt) and sends none.
            string key = $"live-reply:{channel}:{row.Ts}:{(row.DataAsOf is { } d ? DbExtensions.ToText(d) : "-")}";
            await OnceAsync(job, key, () => pacing.PostAsync(channel, ct => web.PostMessageAsync(channel, LiveBlocks.ThreadReply(issue, row.Ts, changes), ct), cancellationToken),
                cancellationToken);
        }
        await store.SaveStateAsync(issue, channel, state, started, cancellationToken);
        return new Outcome(row.Ts, false, changes.Count > 0);
    }

    /// <summary>Posts the parent message under a claim; null when someone else holds the claim or an earlier try is in doubt.</summary>
    private async Task<string?> PostParentAsync(InboxJob job, string issue, string channel, System.Text.Json.Nodes.JsonObject message,
        CancellationToken cancellationToken)
    {
        string prefix = $"job:{job.Id}:";
        string owner = prefix + job.Attempts;
        var claim = await store.ClaimPostAsync(issue, channel, owner, prefix, StaleClaim, cancellationToken);
        if (claim.Ts is { } existing)
        {
            return existing;
        }
        if (claim.PendingKey != owner)
        {
            Log.NotPosting(logger, issue, channel);
            return null;
        }
        string ts;
        try
        {
            ts = await pacing.PostAsync(channel, ct => web.PostMessageAsync(channel, message, ct), cancellationToken);
        }
        catch (SlackApiException)
        {
            await store.ReleaseClaimAsync(issue, channel, owner, cancellationToken); // Slack refused it: nothing was posted
            throw;
        }
        await store.SetPostedAsync(issue, channel, owner, ts, cancellationToken);
        return ts;
    }

    private async Task UploadOnceAsync(InboxJob job, string name, string channel, string threadTs, CampaignReport report, CancellationToken cancellationToken)
    {
        byte[] bytes = pdf.Render(report);
        await OnceAsync(job, $"live-{name}", () => pacing.PostAsync(channel, ct =>
            web.UploadFileAsync(channel, $"summary-{report.Jira}.pdf", bytes, $"{report.Jira} summary", null, threadTs, ct), cancellationToken),
            cancellationToken);
    }

    private async Task<string> PermalinkAsync(string issue, string channel, string ts, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(issue, channel, cancellationToken);
        if (row is { Permalink: { Length: > 0 } known } && row.Ts == ts)
        {
            return known;
        }
        string link = await web.GetPermalinkAsync(channel, ts, cancellationToken);
        await store.SetPermalinkAsync(issue, channel, ts, link, cancellationToken);
        return link;
    }

    /// <summary>Runs a non-idempotent post once per job (the <see cref="EffectJournal"/>): never again when done or in doubt.</summary>
    private async Task OnceAsync(InboxJob job, string effect, Func<Task<string>> send, CancellationToken cancellationToken)
    {
        var outcome = await journal.RunOnceAsync(job.Id, effect, lookup: null, async _ => await send(), cancellationToken);
        if (outcome.State == EffectState.NotResent)
        {
            Log.InDoubt(logger, effect);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(401, LogLevel.Information, "live message {Issue} in {Channel} was refreshed after this request: nothing to do")]
        public static partial void Coalesced(ILogger logger, string issue, string channel);

        [LoggerMessage(402, LogLevel.Warning, "live message {Issue} in {Channel} was deleted in Slack: posting a new one")]
        public static partial void Deleted(ILogger logger, string issue, string channel);

        [LoggerMessage(403, LogLevel.Warning, "live message {Issue} in {Channel}: another post is under way or in doubt, not posting")]
        public static partial void NotPosting(ILogger logger, string issue, string channel);

        [LoggerMessage(404, LogLevel.Warning, "Slack effect {Key} was started before without a known outcome: not repeated")]
        public static partial void InDoubt(ILogger logger, string key);
    }
}
