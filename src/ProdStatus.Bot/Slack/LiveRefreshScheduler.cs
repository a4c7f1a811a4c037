using System.Text.Json;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Store;

namespace ProdStatus.Bot.Slack;

/// <summary>
/// Keeps live messages current: every <see cref="SlackOptions.LiveRefreshMinutes"/> each one gets a refresh job in
/// the inbox, deduplicated on the data it shows, so replicas running this too add it once. Campaigns whose workflows
/// all reached a final status are left alone.
/// </summary>
public sealed partial class LiveRefreshScheduler(
    LiveMessageRepository store,
    InboxRepository inbox,
    IOptions<SlackOptions> options,
    IOptions<SlackWebOptions> web,
    TimeProvider time,
    ILogger<LiveRefreshScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int minutes = options.Value.LiveRefreshMinutes;
        if (minutes <= 0 || string.IsNullOrEmpty(web.Value.BotToken))
        {
            return;
        }
        var interval = TimeSpan.FromMinutes(minutes);
        var tick = TimeSpan.FromSeconds(Math.Min(60, interval.TotalSeconds / 4));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnqueueDueAsync(interval, stoppingToken);
                await Task.Delay(tick, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ProdStatException or System.Data.Common.DbException)
            {
                Log.StoreProblem(logger, ex.Message);
                await Task.Delay(tick, time, stoppingToken);
            }
        }
    }

    /// <summary>Queues a refresh for each live message whose data is older than <paramref name="interval"/>.</summary>
    public async Task<int> EnqueueDueAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int queued = 0;
        foreach (var m in await store.ListAsync(cancellationToken: cancellationToken))
        {
            if (m.DataAsOf is not { } asOf || asOf + interval > now || m.State is { Finished: true })
            {
                continue;
            }
            var job = new SlackActionJob(LiveBlocks.Refresh, m.Issue, m.Channel, "", "", m.Ts, null);
            if (await inbox.EnqueueAsync(SlackLiveKinds.Action, $"live-refresh:{m.Issue}:{m.Channel}:{DbExtensions.ToText(asOf)}",
                    $"{m.Issue} {LiveBlocks.Refresh} {m.Channel}", JsonSerializer.Serialize(job, SlackLiveJson.Default.SlackActionJob), TimeSpan.Zero,
                    cancellationToken))
            {
                queued++;
            }
        }
        return queued;
    }

    private static partial class Log
    {
        [LoggerMessage(411, LogLevel.Warning, "live refresh scheduler: store problem: {Error}")]
        public static partial void StoreProblem(ILogger logger, string error);
    }
}
