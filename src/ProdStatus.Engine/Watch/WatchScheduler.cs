using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// Polls each watched campaign at its interval, with jitter. A poll runs under the watch's lease in the store, so
/// with several replicas each due poll runs once; its alerts go to every subscribed channel.
/// </summary>
public sealed partial class WatchScheduler(
    WatchTargetRepository targets,
    IServiceScopeFactory scopes,
    IAlertPoster poster,
    IOptions<WatchOptions> options,
    TimeProvider time,
    ILogger<WatchScheduler> logger) : BackgroundService
{
    /// <summary>Identifies this replica's leases.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs every due poll this replica can lease; returns how many it ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        int ran = 0;
        foreach (var target in await targets.ListAsync(channel: null, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (target.NextPollUtc > now || !await targets.TryLeaseAsync(target.Issue, Owner, now, o.LeaseDuration, cancellationToken))
            {
                continue;
            }
            ran++;
            try
            {
                await PollAsync(target, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.PollFailed(logger, target.Issue, ex.Message.Split('\n')[0]);
            }
            finally
            {
                double jitter = (Random.Shared.NextDouble() * 2 - 1) * o.Jitter;
                var next = time.GetUtcNow() + target.Thresholds.Interval * (1 + jitter);
                await targets.CompleteAsync(target.Issue, Owner, next, CancellationToken.None);
            }
        }
        return ran;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.TickFailed(logger, ex.Message.Split('\n')[0]);
            }
            try
            {
                await Task.Delay(options.Value.Tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollAsync(WatchTarget target, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WatchEngine>();
        var poll = await engine.PollAsync(options.Value.CampaignOf(target.Issue, time.GetUtcNow()), target.Thresholds, cancellationToken);
        Log.Polled(logger, target.Issue, poll.Alerts.Count, poll.Requests);
        foreach (var alert in poll.Alerts)
        {
            foreach (string channel in target.Channels)
            {
                try
                {
                    await poster.PostAlertAsync(channel, alert, cancellationToken);
                }
                catch (Exception ex) when (ex is ProdStatus.Engine.Errors.ProdStatException or HttpRequestException)
                {
                    // The alert state is committed: a failed post is logged, never repeated by the next poll.
                    Log.PostFailed(logger, target.Issue, channel, ex.Message);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "watch {Issue}: {Alerts} alert(s), {Requests} PanDA request(s)")]
        public static partial void Polled(ILogger logger, string issue, int alerts, long requests);

        [LoggerMessage(2, LogLevel.Warning, "watch {Issue}: poll failed: {Message}")]
        public static partial void PollFailed(ILogger logger, string issue, string message);

        [LoggerMessage(3, LogLevel.Warning, "watch {Issue}: alert to {Channel} not posted: {Message}")]
        public static partial void PostFailed(ILogger logger, string issue, string channel, string message);

        [LoggerMessage(4, LogLevel.Warning, "watch scheduler: {Message}")]
        public static partial void TickFailed(ILogger logger, string message);
    }
}
