using System.Diagnostics;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// Drains the inbox: claims a job under a lease, runs it, completes it. Transient failures are retried with
/// doubling delays; a job that keeps failing (or fails on bad input) ends as an error message to the requester.
/// A process killed mid-job leaves a lease that expires, and the job runs again elsewhere — so every side effect of
/// a job must be idempotent (token-identified comments, attachments replaced by name).
/// </summary>
public sealed partial class InboxWorker(
    InboxRepository inbox,
    IServiceScopeFactory scopes,
    IOptions<WorkerOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.QueueDepth(await inbox.CountAsync(InboxState.Pending, stoppingToken));
                var job = await inbox.ClaimAsync(_owner, TimeSpan.FromSeconds(o.LeaseSeconds), stoppingToken);
                if (job is null)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(o.PollIntervalMilliseconds), time, stoppingToken);
                    continue;
                }
                await RunAsync(job, o, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ProdStatException or System.Data.Common.DbException)
            {
                Log.StoreProblem(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    private async Task RunAsync(InboxJob job, WorkerOptions o, CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<JobProcessor>();
        try
        {
            await processor.ProcessAsync(job, stoppingToken);
            await inbox.CompleteAsync(job, stoppingToken);
            metrics.JobFinished(job.Kind, "done", watch.Elapsed);
            Log.Done(logger, job.Id, job.Kind, job.Subject, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw; // the lease expires and another worker (or this one, restarted) takes the job over
        }
        catch (Exception ex)
        {
            bool transient = ex is UpstreamException or HttpRequestException or IOException or System.Data.Common.DbException;
            if (ex is UpstreamException upstream)
            {
                metrics.ExternalFailure(upstream.Service);
            }
            string message = ex is ProdStatException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            if (transient && job.Attempts < o.MaxAttempts)
            {
                var delay = TimeSpan.FromSeconds(o.RetryDelaySeconds * Math.Pow(2, job.Attempts - 1));
                await inbox.FailAsync(job, message, delay, stoppingToken);
                metrics.JobFinished(job.Kind, "retry", watch.Elapsed);
                Log.Retrying(logger, job.Id, job.Attempts, delay.TotalSeconds, message);
                return;
            }
            // Tell the requester before closing the job: if this process dies in between, the job runs again
            // rather than ending silently.
            try
            {
                await processor.ReportFailureAsync(job, message, stoppingToken);
            }
            catch (Exception report) when (report is ProdStatException or HttpRequestException)
            {
                Log.ReportFailed(logger, job.Id, report.Message);
            }
            await inbox.FailAsync(job, message, null, stoppingToken);
            metrics.JobFinished(job.Kind, "failed", watch.Elapsed);
            Log.Failed(logger, job.Id, job.Kind, job.Subject, message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(301, LogLevel.Information, "job {Id} ({Kind} {Subject}) done in {Seconds:0.0} s")]
        public static partial void Done(ILogger logger, long id, string kind, string subject, double seconds);

        [LoggerMessage(302, LogLevel.Warning, "job {Id} attempt {Attempt} failed, retrying in {Seconds} s: {Error}")]
        public static partial void Retrying(ILogger logger, long id, int attempt, double seconds, string error);

        [LoggerMessage(303, LogLevel.Error, "job {Id} ({Kind} {Subject}) failed: {Error}")]
        public static partial void Failed(ILogger logger, long id, string kind, string subject, string error);

        [LoggerMessage(304, LogLevel.Warning, "job {Id}: could not tell the requester: {Error}")]
        public static partial void ReportFailed(ILogger logger, long id, string error);

        [LoggerMessage(305, LogLevel.Warning, "inbox store problem: {Error}")]
        public static partial void StoreProblem(ILogger logger, string error);
    }
}
