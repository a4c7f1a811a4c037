using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// Sends the shift digest at each <c>ProdStatus:Watch:Digest</c> time (cron in <c>DigestTimeZone</c>) to every
/// watching channel. Each digest is claimed in the store first, so with several replicas it is sent once.
/// </summary>
public sealed partial class DigestScheduler(
    WatchTargetRepository targets,
    IServiceScopeFactory scopes,
    IAlertPoster poster,
    IOptions<WatchOptions> options,
    TimeProvider time,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    private long _nextDueTicks;

    /// <summary>The digest the loop waits for (null before it has started or without a schedule).</summary>
    public DateTimeOffset? NextDueUtc => Volatile.Read(ref _nextDueTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Sends the digests due at <paramref name="dueUtc"/> that no other replica has claimed; returns how many were sent.</summary>
    public async Task<int> RunAsync(DateTimeOffset dueUtc, CancellationToken cancellationToken = default)
    {
        int sent = 0;
        foreach (var target in await targets.ListAsync(channel: null, cancellationToken))
        {
            if (!await targets.ClaimDigestAsync(target.Issue, dueUtc, cancellationToken))
            {
                continue;
            }
            var since = await targets.LastDigestAsync(target.Issue, dueUtc, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var digest = await scope.ServiceProvider.GetRequiredService<ShiftDigest>().BuildAsync(target.Issue, since, time.GetUtcNow(), cancellationToken);
            if (digest is null)
            {
                continue;
            }
            foreach (string channel in target.Channels)
            {
                try
                {
                    await poster.PostDigestAsync(channel, digest, cancellationToken);
                    sent++;
                }
                catch (Exception ex) when (ex is ProdStatus.Engine.Errors.ProdStatException or HttpRequestException)
                {
                    Log.PostFailed(logger, target.Issue, channel, ex.Message);
                }
            }
        }
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var schedule = DigestSchedule.Create(o.Digest, o.DigestTimeZone);
        if (schedule is null)
        {
            return;
        }
        DateTimeOffset? lastDue = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            // From the last digest, not from now: a digest whose time passed while the previous one was being sent goes out late, not never.
            if (schedule.NextAfter(lastDue ?? now) is not { } due)
            {
                return;
            }
            lastDue = due;
            Volatile.Write(ref _nextDueTicks, due.UtcTicks);
            try
            {
                if (due > now)
                {
                    await Task.Delay(due - now, time, stoppingToken);
                }
                await RunAsync(due, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ProdStatus.Engine.Errors.ProdStatException or System.Data.Common.DbException)
            {
                Log.DigestFailed(logger, ex.Message.Split('\n')[0]);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(11, LogLevel.Warning, "digest {Issue}: not posted to {Channel}: {Message}")]
        public static partial void PostFailed(ILogger logger, string issue, string channel, string message);

        [LoggerMessage(12, LogLevel.Warning, "digest: {Message}")]
        public static partial void DigestFailed(ILogger logger, string message);
    }
}
