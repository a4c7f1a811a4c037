namespace ProdStatus.Engine.Collect.Http;

/// <summary>
/// How many requests a collector keeps in flight against one service, adapted to the service's answers: it starts at
/// the configured value, halves when the service answers 429 or 503, and after a window of good answers (as many as
/// the current limit) grows by one, never above the maximum. Additive increase, multiplicative decrease, as TCP does.
/// </summary>
/// <remarks>
/// A burst of throttled answers to requests that were all sent before the limit came down halves it once, not once
/// per answer: a throttle signal only counts if its request started after the last decrease (the epoch check).
/// </remarks>
public sealed class AdaptiveConcurrency
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private int _limit;
    private int _inFlight;
    private int _goodInWindow;
    private long _epoch;
    private int _decreases;

    /// <param name="initial">Starting limit (clamped to 1…<paramref name="max"/>).</param>
    /// <param name="max">The limit never grows beyond this.</param>
    public AdaptiveConcurrency(int initial, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        MaxConcurrency = max;
        _limit = Math.Clamp(initial, 1, max);
    }

    public int MaxConcurrency { get; }

    /// <summary>Requests allowed in flight now.</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>How many times the limit came down.</summary>
    public int Decreases => Volatile.Read(ref _decreases);

    /// <summary>Changes at every decrease; taken when an attempt starts and handed back with its throttle signal.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async ValueTask<Slot> EnterAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_inFlight < _limit && _waiters.Count == 0)
            {
                _inFlight++;
                return new Slot(this);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }
        using (cancellationToken.Register(() => Cancel(node, cancellationToken)))
        {
            await waiter.Task.ConfigureAwait(false);
        }
        return new Slot(this);
    }

    /// <summary>The service answered normally: one step towards a larger limit.</summary>
    public void OnSuccess()
    {
        lock (_gate)
        {
            if (_limit >= MaxConcurrency)
            {
                _goodInWindow = 0;
                return;
            }
            if (++_goodInWindow >= _limit)
            {
                _limit++;
                _goodInWindow = 0;
                WakeWaiters();
            }
        }
    }

    /// <summary>The service answered 429 or 503 to an attempt that started in <paramref name="epoch"/>.</summary>
    /// <returns>Whether the limit came down.</returns>
    public bool OnThrottled(long epoch)
    {
        lock (_gate)
        {
            _goodInWindow = 0;
            if (epoch != _epoch)
            {
                return false; // sent before the last decrease: already accounted for
            }
            _limit = Math.Max(1, _limit / 2);
            _epoch++;
            _decreases++;
            return true;
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            WakeWaiters();
        }
    }

    private void WakeWaiters()
    {
        while (_inFlight < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _inFlight++;
            first.Value.TrySetResult();
        }
    }

    private void Cancel(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is null)
            {
                return; // already granted: the caller gets the slot and gives it back
            }
            _waiters.Remove(node);
        }
        node.Value.TrySetCanceled(cancellationToken);
    }

    /// <summary>One request's place in flight.</summary>
    public readonly struct Slot(AdaptiveConcurrency owner) : IDisposable
    {
        public void Dispose() => owner?.Release();
    }
}
