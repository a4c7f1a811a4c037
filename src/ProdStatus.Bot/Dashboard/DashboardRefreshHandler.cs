using System.Text.Json;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Dashboard;

/// <summary>The dashboard's Refresh button: the campaign is read from PanDA into the store, which the page shows.</summary>
public sealed class DashboardRefreshHandler(CampaignStatsRunner stats) : IJobHandler
{
    public string Kind => InboxKinds.DashboardRefresh;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        await stats.RunAsync(JsonSerializer.Deserialize(context.Job.Payload, BotJson.Default.DashboardRefreshJob)!.IssueKey, cancellationToken);

    /// <summary>The page keeps showing the last refresh; the failure is in the log and on the inbox row.</summary>
    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken) => Task.CompletedTask;
}
