using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Slack;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// A person's slash command: computed, then answered exactly once (effect <see cref="Effects.ResponseUrl"/>, shared
/// with the failure report, so a requester gets one answer whatever happens).
/// </summary>
public sealed class SlackCommandHandler(
    SlackResponder slack,
    SlackWebClient slackWeb,
    CampaignRefresh campaigns,
    LiveMessages live,
    DrpActions drp,
    IOptions<SlackWebOptions> slackOptions,
    TimeProvider time) : IJobHandler
{
    /// <summary>Slack honours a response_url for 30 minutes; after that (long jobs, retries) answers go through the Web API.</summary>
    private static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(25);

    public string Kind => InboxKinds.SlackCommand;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (await context.SettledAsync(Effects.ResponseUrl, cancellationToken))
        {
            return; // answered by an earlier attempt that died before closing the job
        }
        var command = Read(context);
        if (command.Verb == "stats" && live.Enabled)
        {
            // The campaign's live message in that channel (posted or updated), and its link to the requester.
            await live.AnswerStatsAsync(context.Job, command, cancellationToken);
            return;
        }
        var message = await RunCommandAsync(context, command, cancellationToken);
        await AnswerAsync(context, command, message, cancellationToken);
    }

    public async Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken)
    {
        var command = Read(context);
        await AnswerAsync(context, command, SlackAnswers.Error(command, error), cancellationToken);
    }

    private static SlackCommandJob Read(JobContext context) =>
        JsonSerializer.Deserialize(context.Job.Payload, BotJson.Default.SlackCommandJob)!;

    private async Task<JsonObject> RunCommandAsync(JobContext context, SlackCommandJob command, CancellationToken cancellationToken)
    {
        switch (command.Verb)
        {
            case "stats":
                return SlackAnswers.Summary(await campaigns.BuildAsync(command.Issue!, cancellationToken), inChannel: true);
            case "status":
                return SlackAnswers.Text(await drp.StatusAsync(command.Issue!, cancellationToken), inChannel: true);
            case "refresh":
                string? text = await context.EffectAsync(Effects.JiraDescription, EffectJournal.SendAgain, async ct =>
                {
                    var refreshed = await drp.RefreshAsync(command.Issue!, ct);
                    string what = refreshed.Changed ? "refreshed" : "already up to date";
                    return $"*{refreshed.Issue}* {what}: {refreshed.StatusLine ?? "workflow not in PanDA yet"}" +
                           (refreshed.Outbox is null ? "" : $" (no Jira credentials: written to the outbox {refreshed.Outbox})");
                }, cancellationToken);
                return SlackAnswers.Text(text ?? $"*{command.Issue}* refreshed", inChannel: true);
            case "summary":
                return SlackAnswers.Text(await drp.SummaryAsync(cancellationToken), inChannel: true);
            default:
                throw new UserInputException($"unknown command '{command.Verb}'");
        }
    }

    private Task<string?> AnswerAsync(JobContext context, SlackCommandJob command, JsonObject message, CancellationToken cancellationToken) =>
        context.EffectAsync(Effects.ResponseUrl, null, async ct =>
        {
            if (time.GetUtcNow() - context.Job.CreatedUtc > ResponseUrlLifetime && !string.IsNullOrEmpty(slackOptions.Value.BotToken))
            {
                message.Remove("response_type");
                return await slackWeb.PostMessageAsync(command.ChannelId, message, ct);
            }
            await slack.PostAsync(command.ResponseUrl, message, ct);
            return "posted";
        }, cancellationToken);
}
