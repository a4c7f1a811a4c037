using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>An OK answer whose body broke off is asked for again (every monitor call is an idempotent GET), twice at most.</summary>
internal static partial class BodyRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> action, int delayMilliseconds, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (PandaMalformedResponseException ex) when (attempt < 3)
            {
                Log.Retry(logger, ex.Message, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(delayMilliseconds * attempt), time, cancellationToken);
            }
            catch (PandaMalformedResponseException ex)
            {
                throw new UpstreamException(PandaMonitorClient.Service, ex.Message, ex);
            }
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
