using System.Text.Json;
using ProdStatus.Bot.Slack;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// A tracked issue changed status: a DRP workflow issue gets update-stat, a production issue a full refresh (Jira,
/// Teams, and the campaign's live messages, or a channel post where there is no bot token).
/// </summary>
public sealed class JiraTransitionHandler(
    CampaignStatsRunner stats, CampaignReportBuilder reports, CampaignRefresh campaigns, LiveMessages live, DrpActions drp, TimeProvider time)
    : IJobHandler
{
    public string Kind => InboxKinds.JiraTransition;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var transition = JsonSerializer.Deserialize(context.Job.Payload, BotJson.Default.JiraTransitionJob)!;
        if (drp.IsDrpIssue(transition.IssueKey))
        {
            await context.EffectAsync(Effects.JiraDescription, EffectJournal.SendAgain,
                async ct => (await drp.RefreshAsync(transition.IssueKey, ct)).StatusLine, cancellationToken);
            return;
        }
        var started = time.GetUtcNow();
        var result = (await stats.RunAsync(transition.IssueKey, cancellationToken)).Stats;
        var report = reports.Build(result);
        await campaigns.PublishAsync(context, report, channelPost: !live.Enabled, cancellationToken);
        if (live.Enabled)
        {
            // One effect for the team channel's live messages: an unknown outcome (a post that timed out) is not repeated.
            await context.EffectAsync(Effects.ChannelPost, null, async ct =>
            {
                await live.RefreshAllAsync(context.Job, result, report, started, ct);
                return "live";
            }, cancellationToken);
        }
    }

    /// <summary>Nobody asked: the failure is in the log and on the inbox row.</summary>
    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken) => Task.CompletedTask;
}
