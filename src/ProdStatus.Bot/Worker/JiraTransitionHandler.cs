using System.Text.Json;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Worker;

/// <summary>A tracked issue changed status: a DRP workflow issue gets update-stat, a production issue a full refresh.</summary>
public sealed class JiraTransitionHandler(CampaignRefresh campaigns, DrpActions drp) : IJobHandler
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
        var report = await campaigns.BuildAsync(transition.IssueKey, cancellationToken);
        await campaigns.PublishAsync(context, report, cancellationToken);
    }

    /// <summary>Nobody asked: the failure is in the log and on the inbox row.</summary>
    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken) => Task.CompletedTask;
}
