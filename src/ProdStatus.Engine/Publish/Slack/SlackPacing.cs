using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Publish.Slack;

/// <summary>
/// Keeps the bot inside Slack's documented posting limits in this process (chat.postMessage, Tier 3 methods): posts to one channel
/// go out one at a time, at least <see cref="SlackWebOptions.PostIntervalMilliseconds"/> apart; updates of one
/// message are coalesced — while one is being sent or the interval has not passed, newer content replaces the
/// waiting content and only the latest is sent. A 429 that still gets through is retried by the HTTP pipeline
/// after its Retry-After.
/// </summary>
public sealed class SlackPacing(IOptions<SlackWebOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ChannelGate> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UpdateSlot> _messages = new(StringComparer.Ordinal);

    /// <summary>Runs one <c>chat.postMessage</c> (or file share) to <paramref name="channel"/> in its turn.</summary>
    public async Task<T> PostAsync<T>(string channel, Func<CancellationToken, Task<T>> post, CancellationToken cancellationToken = default)
    {
        var gate = _channels.GetOrAdd(channel, _ => new ChannelGate());
        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            var wait = gate.NextAllowed - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            try
            {
                return await post(cancellationToken);
            }
            finally
            {
                gate.NextAllowed = time.GetUtcNow() + TimeSpan.FromMilliseconds(options.Value.PostIntervalMilliseconds);
            }
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="content"/> as the new text of message <paramref name="ts"/> — or a later content that
    /// replaced it before it went out. Completes once an update at least as new as this one was sent.
    /// </summary>
    public Task UpdateAsync(string channel, string ts, JsonObject content, Func<JsonObject, CancellationToken, Task> send,
        CancellationToken cancellationToken = default)
    {
        var slot = _messages.GetOrAdd(channel + "/" + ts, _ => new UpdateSlot());
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (slot)
        {
            slot.Pending = (content, send);
            slot.Waiters.Add(done);
            if (!slot.Running)
            {
                slot.Running = true;
                _ = Task.Run(() => DrainAsync(slot), CancellationToken.None);
            }
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(UpdateSlot slot)
    {
        while (true)
        {
            (JsonObject Content, Func<JsonObject, CancellationToken, Task> Send) next;
            List<TaskCompletionSource> waiters;
            lock (slot)
            {
                if (slot.Pending is not { } pending)
                {
                    slot.Running = false;
                    return;
                }
                next = pending;
                waiters = [.. slot.Waiters];
                slot.Pending = null;
                slot.Waiters.Clear();
            }
            try
            {
                var wait = slot.NextAllowed - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }
                // Content that arrived while this one waited for its turn wins: send that instead.
                lock (slot)
                {
                    if (slot.Pending is { } newer)
                    {
                        next = newer;
                        waiters.AddRange(slot.Waiters);
                        slot.Pending = null;
                        slot.Waiters.Clear();
                    }
                }
                await next.Send(next.Content, CancellationToken.None);
                waiters.ForEach(w => w.TrySetResult());
            }
            catch (Exception ex)
            {
                waiters.ForEach(w => w.TrySetException(ex));
            }
            finally
            {
                slot.NextAllowed = time.GetUtcNow() + TimeSpan.FromMilliseconds(options.Value.UpdateIntervalMilliseconds);
            }
        }
    }

    private sealed class ChannelGate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; }
    }

    private sealed class UpdateSlot
    {
        public (JsonObject Content, Func<JsonObject, CancellationToken, Task> Send)? Pending { get; set; }

        public List<TaskCompletionSource> Waiters { get; } = [];

        public bool Running { get; set; }

        public DateTimeOffset NextAllowed { get; set; }
    }
}
