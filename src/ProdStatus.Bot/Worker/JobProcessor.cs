using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Slack;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Render.Tables;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Publish.Teams;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Bot.Worker;

/// <summary>Runs one inbox job through the engine and answers where the request came from.</summary>
public sealed class JobProcessor(
    IServiceProvider services,
    CampaignStatsRunner campaignStats,
    LiveMessages live,
    SlackActionRegistry slackActions,
    SlackResponder slack,
    SlackWebClient slackWeb,
    TeamsWebhookClient teams,
    CampaignReportBuilder reports,
    CampaignPdfRenderer pdf,
    DrpActions drp,
    JiraPublisher jira,
    IOptions<SlackWebOptions> slackOptions,
    IOptions<TeamsOptions> teamsOptions,
    TimeProvider time)
{
    /// <summary>Slack honours a response_url for 30 minutes; after that (long jobs, retries) answers go through the Web API.</summary>
    private static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(25);

    public async Task ProcessAsync(InboxJob job, CancellationToken cancellationToken)
    {
        switch (job.Kind)
        {
            case InboxKinds.SlackCommand:
                var command = JsonSerializer.Deserialize(job.Payload, BotJson.Default.SlackCommandJob)!;
                if (command.Verb == "stats" && live.Enabled)
                {
                    await live.AnswerStatsAsync(job, command, cancellationToken);
                    break;
                }
                await AnswerAsync(job, command, await RunCommandAsync(command, cancellationToken), cancellationToken);
                break;
            case InboxKinds.JiraTransition:
                var transition = JsonSerializer.Deserialize(job.Payload, BotJson.Default.JiraTransitionJob)!;
                if (drp.IsDrpIssue(transition.IssueKey))
                {
                    await drp.RefreshAsync(transition.IssueKey, cancellationToken);
                    break;
                }
                var started = time.GetUtcNow();
                var stats = (await campaignStats.RunAsync(transition.IssueKey, cancellationToken)).Stats;
                var report = reports.Build(stats);
                await PublishToJiraAsync(report, cancellationToken);
                if (live.Enabled)
                {
                    await live.RefreshAllAsync(job, stats, report, started, cancellationToken);
                }
                await PublishRefreshAsync(report, cancellationToken);
                break;
            case SlackLiveKinds.Action:
                await slackActions.DispatchAsync(services, job, cancellationToken);
                break;
            case SlackLiveKinds.Event:
                await services.GetRequiredService<SlackEventProcessor>().ProcessAsync(job, cancellationToken);
                break;
            default:
                throw new UserInputException($"inbox job {job.Id}: unknown kind '{job.Kind}'");
        }
    }

    /// <summary>Tells the requester that the job failed for good (Slack commands and buttons: a webhook has nobody to tell).</summary>
    public async Task ReportFailureAsync(InboxJob job, string error, CancellationToken cancellationToken)
    {
        if (job.Kind == InboxKinds.SlackCommand)
        {
            var command = JsonSerializer.Deserialize(job.Payload, BotJson.Default.SlackCommandJob)!;
            await AnswerAsync(job, command, SlackMessages.Error(command, error), cancellationToken);
        }
        else if (job.Kind == SlackLiveKinds.Action)
        {
            var action = JsonSerializer.Deserialize(job.Payload, SlackLiveJson.Default.SlackActionJob)!;
            await live.AnswerOnceAsync(job, "failure", action.ResponseUrl,
                $"prodstat {action.ActionId} {action.Issue} failed: {(error.Length > 2000 ? error[..2000] : error)}", cancellationToken);
        }
    }

    private async Task<JsonObject> RunCommandAsync(SlackCommandJob command, CancellationToken cancellationToken)
    {
        switch (command.Verb)
        {
            case "stats":
                var report = reports.Build((await campaignStats.RunAsync(command.Issue!, cancellationToken)).Stats);
                return SlackMessages.Summary(report, inChannel: true);
            case "status":
                return SlackMessages.Text(await drp.StatusAsync(command.Issue!, cancellationToken), inChannel: true);
            case "refresh":
                var refreshed = await drp.RefreshAsync(command.Issue!, cancellationToken);
                string what = refreshed.Changed ? "refreshed" : "already up to date";
                return SlackMessages.Text($"*{refreshed.Issue}* {what}: {refreshed.StatusLine ?? "workflow not in PanDA yet"}" +
                    (refreshed.Outbox is null ? "" : $" (no Jira credentials: written to the outbox {refreshed.Outbox})"), inChannel: true);
            case "summary":
                return SlackMessages.Text(await drp.SummaryAsync(cancellationToken), inChannel: true);
            default:
                throw new UserInputException($"unknown command '{command.Verb}'");
        }
    }

    /// <summary>The production issue gets its statistics as a token-identified comment (replaced, never duplicated) and the PDF.</summary>
    private async Task PublishToJiraAsync(CampaignReport report, CancellationToken cancellationToken)
    {
        var table = report.Tables.First(t => t.Name == Engine.Aggregate.PandaTables.TaskTableName);
        await jira.UpsertCommentAsync(report.Jira, [table.Name, "campaign", report.Jira], JiraWikiTableWriter.Write(table),
            $"{table.FileStem(report.Jira)}.txt", cancellationToken);
        await jira.ReplaceAttachmentAsync(report.Jira, new JiraUpload($"summary-{report.Jira}.pdf", pdf.Render(report), "application/pdf"), cancellationToken);
    }

    /// <summary>A refreshed campaign goes to Teams (the card) where configured; Slack's team channel gets its live message.</summary>
    private async Task PublishRefreshAsync(CampaignReport report, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(teamsOptions.Value.WebhookUrl))
        {
            await teams.PostCardAsync(CampaignCards.Summary(report), cancellationToken);
        }
    }

    private async Task AnswerAsync(InboxJob job, SlackCommandJob command, System.Text.Json.Nodes.JsonObject message, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - job.CreatedUtc > ResponseUrlLifetime && !string.IsNullOrEmpty(slackOptions.Value.BotToken))
        {
            message.Remove("response_type");
            await slackWeb.PostMessageAsync(command.ChannelId, message, cancellationToken);
            return;
        }
        await slack.PostAsync(command.ResponseUrl, message, cancellationToken);
    }
}
