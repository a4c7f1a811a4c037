using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Params;

namespace ProdStatus.Engine.Watch;

/// <summary>
/// One poll of a watched campaign: refresh it (a quiet, finished campaign costs one request), compare with the stored
/// snapshot, and return the alerts to post. Used by <c>prodstat watch-once</c> and the bot's scheduler.
/// </summary>
public sealed class WatchEngine(PandaStatService panda, WatchRepository store, TimeProvider time)
{
    public async Task<WatchPoll> PollAsync(PandaStatParams parameters, WatchThresholds thresholds, CancellationToken cancellationToken = default)
    {
        var result = await panda.CollectAsync(parameters, cleanHistory: false, progress: null, cancellationToken);
        var now = time.GetUtcNow();
        var previous = await store.GetSnapshotAsync(parameters.Jira, cancellationToken);
        var current = CampaignSnapshot.From(result, previous, now);
        var findings = WatchRules.Evaluate(previous, current, thresholds, now);
        var alerts = await store.ApplyAsync(current, findings, now, cancellationToken);
        return new WatchPoll(current, alerts, result.Requests, result);
    }
}

/// <summary>What one poll saw and what it posts.</summary>
public sealed record WatchPoll(CampaignSnapshot Snapshot, IReadOnlyList<WatchAlert> Alerts, long Requests, PandaStatResult Stats);
