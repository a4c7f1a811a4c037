namespace ProdStatus.Engine.Watch;

/// <summary>
/// Where watch alerts and digests go. The bot posts them to Slack (as thread replies under the campaign's live
/// message when one is known); tests record them.
/// </summary>
public interface IAlertPoster
{
    Task PostAlertAsync(string channel, WatchAlert alert, CancellationToken cancellationToken = default);

    Task PostDigestAsync(string channel, DigestMessage digest, CancellationToken cancellationToken = default);
}
