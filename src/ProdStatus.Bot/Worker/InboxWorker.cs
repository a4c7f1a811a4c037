using System.Diagnostics;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// Drains the inbox with <c>ProdStatus:Worker:Concurrency</c> loops: each claims a job under a lease, renews the lease
/// while the job runs (every third of <c>LeaseSeconds</c>), and closes the job fenced by its lease, so a job another
/// replica took over cannot be finished here. Each job runs under a deadline (<c>JobTimeoutSeconds</c>). Transient
/// failures are retried with doubling delays; a job that keeps failing (or fails on bad input) ends as an error
/// message to the requester. A retry or a takeover resumes after the job's last completed effect (see
/// <see cref="EffectJournal"/>). No exception from a job, from reporting it, or from the store leaves the worker.
/// </summary>
public sealed partial class InboxWorker(
    InboxRepository inbox,
    EffectJournal journal,
    IServiceScopeFactory scopes,
    IOptions<WorkerOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<InboxWorker> logger) : BackgroundService
{
    /// <summary>The queue-depth gauge counts pending rows; once a second is enough, and keeps the count off every claim.</summary>
    private static readonly TimeSpan QueueDepthInterval = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var threads = new WorkerThreads(o.Concurrency + 1);
        var loops = Enumerable.Range(0, o.Concurrency).Select(i => threads.Run(() => LoopAsync(i, o, stoppingToken), CancellationToken.None)).ToList();
        loops.Add(threads.Run(() => HousekeepingAsync(o, stoppingToken), CancellationToken.None));
        await Task.WhenAll(loops);
    }

    private async Task LoopAsync(int index, WorkerOptions o, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var lastDepth = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (index == 0 && time.GetUtcNow() - lastDepth >= QueueDepthInterval)
                {
                    lastDepth = time.GetUtcNow();
                    metrics.QueueDepth(await inbox.CountAsync(InboxState.Pending, stoppingToken));
                }
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
                return; // a running job's lease expires and another worker (or this one, restarted) takes it over
            }
            catch (Exception ex)
            {
                Log.LoopProblem(logger, ex.GetType().Name, ex.Message);
                await PauseAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task RunAsync(InboxJob job, WorkerOptions o, CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(o.JobTimeoutSeconds));
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bool leaseLost = false;
        var renewing = RenewAsync(job, o, () => { leaseLost = true; deadline.Cancel(); }, renewal.Token);
        await using var scope = scopes.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<JobProcessor>();
        var context = processor.Start(job);
        try
        {
            await processor.ProcessAsync(context, deadline.Token);
            await renewal.CancelAsync();
            if (!await inbox.CompleteAsync(job, _owner, context.Note, stoppingToken))
            {
                Log.LeaseLost(logger, job.Id);
                return;
            }
            if (context.Note is { } note)
            {
                Log.NotResent(logger, job.Id, note);
            }
            metrics.JobFinished(job.Kind, "done", watch.Elapsed);
            Log.Done(logger, job.Id, job.Kind, job.Subject, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (leaseLost)
        {
            Log.LeaseLost(logger, job.Id);
        }
        catch (Exception ex)
        {
            await renewal.CancelAsync();
            await FailAsync(job, context, processor, ex, deadline.IsCancellationRequested, o, watch, stoppingToken);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    private async Task FailAsync(InboxJob job, JobContext context, JobProcessor processor, Exception ex, bool timedOut, WorkerOptions o,
        Stopwatch watch, CancellationToken stoppingToken)
    {
        bool transient = timedOut || ex is UpstreamException or HttpRequestException or IOException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException or TaskCanceledException or System.Data.Common.DbException;
        if (ex is UpstreamException upstream)
        {
            metrics.ExternalFailure(upstream.Service);
        }
        string message = timedOut ? $"did not finish within {o.JobTimeoutSeconds} s (ProdStatus:Worker:JobTimeoutSeconds)"
            : ex is ProdStatException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        if (transient && job.Attempts < o.MaxAttempts)
        {
            var delay = TimeSpan.FromSeconds(o.RetryDelaySeconds * Math.Pow(2, job.Attempts - 1));
            if (await inbox.FailAsync(job, _owner, message, delay, stoppingToken))
            {
                metrics.JobFinished(job.Kind, "retry", watch.Elapsed);
                Log.Retrying(logger, job.Id, job.Attempts, delay.TotalSeconds, message);
            }
            return;
        }
        // Tell the requester before closing the job: if this process dies in between, the job runs again and the
        // journal keeps the answer from being sent twice.
        try
        {
            using var reportDeadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            reportDeadline.CancelAfter(TimeSpan.FromSeconds(o.JobTimeoutSeconds));
            await processor.ReportFailureAsync(context, message, reportDeadline.Token);
        }
        catch (Exception report) when (!stoppingToken.IsCancellationRequested)
        {
            Log.ReportFailed(logger, job.Id, report.Message);
        }
        string final = context.Note is { } note ? $"{message}; {note}" : message;
        if (await inbox.FailAsync(job, _owner, final, null, stoppingToken))
        {
            metrics.JobFinished(job.Kind, "failed", watch.Elapsed);
            Log.Failed(logger, job.Id, job.Kind, job.Subject, final);
        }
    }

    /// <summary>Renews the lease every third of its length; when it cannot (another owner), cancels the job.</summary>
    private async Task RenewAsync(InboxJob job, WorkerOptions o, Action lost, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, cancellationToken);
                try
                {
                    if (!await inbox.RenewAsync(job, _owner, lease, cancellationToken))
                    {
                        lost();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.LoopProblem(logger, ex.GetType().Name, ex.Message); // try again at the next tick
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Retention: finished inbox rows and effect journal entries older than <c>RetentionDays</c> are deleted, hourly.</summary>
    private async Task HousekeepingAsync(WorkerOptions o, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var cutoff = time.GetUtcNow() - TimeSpan.FromDays(o.RetentionDays);
                int deleted = await inbox.DeleteFinishedBeforeAsync(cutoff, stoppingToken);
                await journal.DeleteBeforeAsync(cutoff, stoppingToken);
                if (deleted > 0)
                {
                    Log.Retention(logger, deleted, o.RetentionDays);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.LoopProblem(logger, ex.GetType().Name, ex.Message);
            }
            await PauseAsync(TimeSpan.FromMinutes(o.HousekeepingIntervalMinutes), stoppingToken);
        }
    }

    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(pause, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
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

        [LoggerMessage(305, LogLevel.Warning, "worker problem ({Type}): {Error}")]
        public static partial void LoopProblem(ILogger logger, string type, string error);

        [LoggerMessage(306, LogLevel.Warning, "job {Id}: the lease was taken over by another worker; this attempt stops without closing the job")]
        public static partial void LeaseLost(ILogger logger, long id);

        [LoggerMessage(307, LogLevel.Warning, "job {Id}: {Note}")]
        public static partial void NotResent(ILogger logger, long id, string note);

        [LoggerMessage(308, LogLevel.Information, "retention: {Count} finished inbox jobs older than {Days} days deleted")]
        public static partial void Retention(ILogger logger, int count, int days);
    }
}
