using System.Collections.Concurrent;

namespace ProdStatus.Engine.Publish.Jira;

/// <summary>
/// Serializes writes to one issue within the process: Jira has no ETag/If-Match on issues or comments, so a
/// read-modify-write (token comment, summary table) must not interleave with another for the same issue.
/// </summary>
public sealed class IssueLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
