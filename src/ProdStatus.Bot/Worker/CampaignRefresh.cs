using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Publish.Teams;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Bot.Worker;

/// <summary>A production issue's campaign statistics: collected from PanDA, published to Jira, the team channel and Teams.</summary>
public sealed class CampaignRefresh(
    CampaignStatsRunner stats,
    CampaignReportBuilder reports,
    CampaignPdfRenderer pdf,
    JiraPublisher jira,
    ICampaignLinks links,
    SlackWebClient slackWeb,
    TeamsWebhookClient teams,
    IOptions<SlackWebOptions> slackOptions,
    IOptions<TeamsOptions> teamsOptions)
{
    /// <summary>get-panda-stat for a production issue (see <see cref="CampaignStatsRunner"/>), as a report.</summary>
    public async Task<CampaignReport> BuildAsync(string issue, CancellationToken cancellationToken) =>
        reports.Build((await stats.RunAsync(issue, cancellationToken)).Stats);

    /// <summary>
    /// The effects of a refresh, in order: the statistics comment (token-identified, replaced, never duplicated) and the
    /// PDF on the production issue; the summary and the PDF in the team channel; the Teams card. Each runs at most once
    /// per job; Jira effects are looked up (by comment token, by attachment name) when an earlier attempt's outcome is unknown.
    /// </summary>
    /// <param name="channelPost">False when the team channel has a live message instead (it is refreshed in place).</param>
    public async Task PublishAsync(JobContext context, CampaignReport report, bool channelPost, CancellationToken cancellationToken)
    {
        var table = report.Tables.First(t => t.Name == Engine.Aggregate.PandaTables.TaskTableName);
        var summaryPdf = new Lazy<byte[]>(() => pdf.Render(report));
        await context.EffectAsync(Effects.JiraComment, EffectJournal.SendAgain, async ct =>
            (await jira.UpsertCommentAsync(report.Jira, [table.Name, "campaign", report.Jira], links.WithDashboardLink(report.Jira, JiraWikiTableWriter.Write(table)),
                $"{table.FileStem(report.Jira)}.txt", ct)).CommentId, cancellationToken);
        await context.EffectAsync(Effects.JiraAttachment, EffectJournal.SendAgain, async ct =>
            (await jira.ReplaceAttachmentAsync(report.Jira, new JiraUpload($"summary-{report.Jira}.pdf", summaryPdf.Value, "application/pdf"), ct))
                ? "replaced" : "unchanged", cancellationToken);
        if (channelPost && !string.IsNullOrEmpty(slackOptions.Value.BotToken) && slackOptions.Value.Channel is { Length: > 0 } channel)
        {
            await context.EffectAsync(Effects.ChannelPost, null,
                async ct => await slackWeb.PostMessageAsync(channel, SlackAnswers.Summary(report, inChannel: false), ct), cancellationToken);
            await context.EffectAsync(Effects.PdfUpload, null,
                async ct => await slackWeb.UploadFileAsync(channel, $"summary-{report.Jira}.pdf", summaryPdf.Value, $"{report.Jira} summary", null, null, ct),
                cancellationToken);
        }
        if (!string.IsNullOrEmpty(teamsOptions.Value.WebhookUrl))
        {
            await context.EffectAsync(Effects.TeamsCard, null, async ct =>
            {
                var delivery = await teams.PostCardAsync(CampaignCards.Summary(report), ct);
                return delivery.Status.ToString(CultureInfo.InvariantCulture);
            }, cancellationToken);
        }
    }
}
