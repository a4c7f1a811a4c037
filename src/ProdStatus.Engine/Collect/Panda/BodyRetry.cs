using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// An OK answer whose body broke off (truncated, malformed or stalled) is asked for again, twice at most, by a Polly
/// retry: every monitor call is an idempotent GET. The delay grows linearly from <c>RetryDelayMilliseconds</c>.
/// </summary>
internal static partial class BodyRetry
{
    /// <summary>Re-reads allowed after the first answer.</summary>
    public const int MaxRereads = 2;

    public static async Task<T> RunAsync<T>(Func<Task<T>> action, int delayMilliseconds, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<PandaMalformedResponseException>(),
                MaxRetryAttempts = MaxRereads,
                BackoffType = DelayBackoffType.Linear,
                UseJitter = false,
                Delay = TimeSpan.FromMilliseconds(delayMilliseconds),
                OnRetry = args =>
                {
                    Log.Retry(logger, args.Outcome.Exception!.Message, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async _ => await action(), cancellationToken);
        }
        catch (PandaMalformedResponseException ex)
        {
            throw new UpstreamException(PandaMonitorClient.Service, ex.Message, ex);
        }
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }
        return list;
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Warning, "{Message}; asking again (attempt {Attempt})")]
        public static partial void Retry(ILogger logger, string message, int attempt);
    }
}
