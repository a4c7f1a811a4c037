using System.Collections.Concurrent;
using ProdStatus.Engine.Watch;

namespace ProdStatus.Testing.Watch;

/// <summary>An <see cref="IAlertPoster"/> that records what would be posted, per channel.</summary>
public sealed class RecordingAlertPoster : IAlertPoster
{
    public ConcurrentQueue<(string Channel, WatchAlert Alert)> Alerts { get; } = new();

    public ConcurrentQueue<(string Channel, DigestMessage Digest)> Digests { get; } = new();

    public Task PostAlertAsync(string channel, WatchAlert alert, CancellationToken cancellationToken = default)
    {
        Alerts.Enqueue((channel, alert));
        return Task.CompletedTask;
    }

    public Task PostDigestAsync(string channel, DigestMessage digest, CancellationToken cancellationToken = default)
    {
        Digests.Enqueue((channel, digest));
        return Task.CompletedTask;
    }
}
