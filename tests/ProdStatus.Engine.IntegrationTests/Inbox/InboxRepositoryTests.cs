using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.IntegrationTests.Butler;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Testing;

namespace ProdStatus.Engine.IntegrationTests.Inbox;

/// <summary>The durable inbox on both stores: dedup, one claimant per job, expired leases taken over, supersession.</summary>
public sealed class InboxRepositoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(EngineTestHost Host, InboxRepository Inbox, FakeTimeProvider Time)> CreateAsync(string provider)
    {
        var (host, time) = await postgres.StoreHostAsync(provider, Ct);
        return (host, host.Get<InboxRepository>(), time);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Enqueue_SameDeliveryTwice_IsOneJob(string provider)
    {
        var (host, inbox, _) = await CreateAsync(provider);
        using (host)
        {
            Assert.True(await inbox.EnqueueAsync(InboxKinds.JiraTransition, "jira:d1", "PREOPS-905", "{}", TimeSpan.Zero, Ct));
            Assert.False(await inbox.EnqueueAsync(InboxKinds.JiraTransition, "jira:d1", "PREOPS-905", "{}", TimeSpan.Zero, Ct));
            Assert.Single(await inbox.ListAsync(Ct));
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_ConcurrentWorkers_ClaimEachJobOnce(string provider)
    {
        var (host, inbox, _) = await CreateAsync(provider);
        using (host)
        {
            for (int i = 0; i < 40; i++)
            {
                await inbox.EnqueueAsync(InboxKinds.SlackCommand, $"slack:{i}", $"S-{i}", "{}", TimeSpan.Zero, Ct);
            }
            var claimed = new ConcurrentBag<long>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 6), Ct, async (worker, ct) =>
            {
                while (await inbox.ClaimAsync($"w{worker}", TimeSpan.FromMinutes(5), ct) is { } job)
                {
                    claimed.Add(job.Id);
                }
            });
            Assert.Equal(40, claimed.Count);
            Assert.Equal(40, claimed.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_ExpiredLease_IsTakenOver_DelayedJobWaits(string provider)
    {
        var (host, inbox, time) = await CreateAsync(provider);
        using (host)
        {
            await inbox.EnqueueAsync(InboxKinds.JiraTransition, "jira:a", "PREOPS-905", "{}", TimeSpan.FromSeconds(20), Ct);
            Assert.Null(await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(30), Ct)); // debounced: not ready yet
            time.Advance(TimeSpan.FromSeconds(21));
            var first = await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(30), Ct);
            Assert.NotNull(first);
            Assert.Null(await inbox.ClaimAsync("w2", TimeSpan.FromSeconds(30), Ct)); // leased
            time.Advance(TimeSpan.FromSeconds(31)); // w1 died
            var again = await inbox.ClaimAsync("w2", TimeSpan.FromSeconds(30), Ct);
            Assert.Equal((first!.Id, 2), (again!.Id, again.Attempts));
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EnqueueSuperseding_ReplacesThePendingJob_LeavesTheRunningOne_AndPersonalRequestsAlone(string provider)
    {
        var (host, inbox, time) = await CreateAsync(provider);
        using (host)
        {
            var debounce = TimeSpan.FromSeconds(20);
            Assert.True(await inbox.EnqueueAsync(InboxKinds.SlackCommand, "slack:a", "PREOPS-905", "{}", TimeSpan.Zero, Ct));
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:1"], "PREOPS-905", "1", debounce, Ct));
            time.Advance(TimeSpan.FromSeconds(5));
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:2"], "PREOPS-905", "2", debounce, Ct));
            var person = await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(InboxKinds.SlackCommand, person!.Kind);
            Assert.Null(await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(60), Ct)); // the start moved to 5 s + 20 s
            time.Advance(TimeSpan.FromSeconds(16));
            Assert.Null(await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(60), Ct));
            time.Advance(TimeSpan.FromSeconds(5));
            var running = await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(60), Ct);
            Assert.NotNull(running);
            // A transition while the refresh runs: one more refresh, after it.
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:3"], "PREOPS-905", "3", debounce, Ct));
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:4"], "PREOPS-905", "4", debounce, Ct));
            time.Advance(TimeSpan.FromSeconds(21));
            Assert.Null(await inbox.ClaimAsync("w2", TimeSpan.FromSeconds(60), Ct)); // due, but waits for the running refresh
            Assert.True(await inbox.CompleteAsync(running!, "w1", null, Ct));
            Assert.Equal("4", (await inbox.ClaimAsync("w2", TimeSpan.FromSeconds(60), Ct))!.Payload);

            var states = (await inbox.ListAsync(Ct)).ToDictionary(j => j.Payload, j => j.State);
            Assert.Equal(InboxState.InProgress, states["{}"]); // the person's request is untouched
            Assert.Equal([InboxState.Superseded, InboxState.Done, InboxState.Superseded, InboxState.InProgress],
                new[] { states["1"], states["2"], states["3"], states["4"] });
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EnqueueSuperseding_AnyKeySeenBefore_IsADuplicate_AndChangesNothing(string provider)
    {
        var (host, inbox, _) = await CreateAsync(provider);
        using (host)
        {
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:d1", "jira-body:h1"], "PREOPS-905", "{}", TimeSpan.Zero, Ct));
            // The same signed body under a new delivery id: refused, and the pending job is not superseded.
            Assert.False(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:d2", "jira-body:h1"], "PREOPS-905", "{}", TimeSpan.Zero, Ct));
            Assert.False(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:d1", "jira-body:h2"], "PREOPS-905", "{}", TimeSpan.Zero, Ct));
            Assert.Equal(InboxState.Pending, Assert.Single(await inbox.ListAsync(Ct)).State);
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:d2", "jira-body:h2"], "PREOPS-905", "{}", TimeSpan.Zero, Ct));
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CompleteFailRenew_AreFencedByTheLeaseOwner(string provider)
    {
        var (host, inbox, time) = await CreateAsync(provider);
        using (host)
        {
            await inbox.EnqueueAsync(InboxKinds.SlackCommand, "slack:1", "PREOPS-905", "{}", TimeSpan.Zero, Ct);
            var first = await inbox.ClaimAsync("w1", TimeSpan.FromSeconds(30), Ct);
            Assert.True(await inbox.RenewAsync(first!, "w1", TimeSpan.FromSeconds(30), Ct));
            time.Advance(TimeSpan.FromSeconds(29));
            Assert.Null(await inbox.ClaimAsync("w2", TimeSpan.FromSeconds(30), Ct)); // renewed: still w1's
            time.Advance(TimeSpan.FromSeconds(2)); // w1 stalls past its lease
            var second = await inbox.ClaimAsync("w2", TimeSpan.FromSeconds(30), Ct);
            Assert.Equal(first!.Id, second!.Id);

            Assert.False(await inbox.RenewAsync(first, "w1", TimeSpan.FromSeconds(30), Ct));
            Assert.False(await inbox.CompleteAsync(first, "w1", null, Ct));
            Assert.False(await inbox.FailAsync(first, "w1", "late", null, Ct));
            Assert.Equal(InboxState.InProgress, Assert.Single(await inbox.ListAsync(Ct)).State);
            Assert.True(await inbox.CompleteAsync(second, "w2", null, Ct));
            Assert.Equal(InboxState.Done, Assert.Single(await inbox.ListAsync(Ct)).State);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Retention_DeletesFinishedJobsOlderThanTheCutoff_Only(string provider)
    {
        var (host, inbox, time) = await CreateAsync(provider);
        using (host)
        {
            await inbox.EnqueueAsync(InboxKinds.SlackCommand, "slack:old-done", "A-1", "{}", TimeSpan.Zero, Ct);
            await inbox.CompleteAsync((await inbox.ClaimAsync("w", TimeSpan.FromMinutes(1), Ct))!, "w", null, Ct);
            await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:old"], "A-2", "{}", TimeSpan.FromDays(100), Ct);
            await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:old2"], "A-2", "{}", TimeSpan.FromDays(100), Ct); // supersedes jira:old
            time.Advance(TimeSpan.FromDays(31));
            await inbox.EnqueueAsync(InboxKinds.SlackCommand, "slack:new", "A-3", "{}", TimeSpan.Zero, Ct);
            await inbox.CompleteAsync((await inbox.ClaimAsync("w", TimeSpan.FromMinutes(1), Ct))!, "w", null, Ct);

            Assert.Equal(2, await inbox.DeleteFinishedBeforeAsync(time.GetUtcNow() - TimeSpan.FromDays(30), Ct));

            var left = await inbox.ListAsync(Ct);
            Assert.Equal([(InboxState.Pending, "A-2"), (InboxState.Done, "A-3")], left.Select(j => (j.State, j.Subject)).OrderBy(x => x.Subject, StringComparer.Ordinal).ToArray());
            // The dedup memory went with them: the old delivery id is accepted again (MaxEventAgeMinutes refuses such old events first).
            Assert.True(await inbox.EnqueueSupersedingAsync(InboxKinds.JiraTransition, ["jira:old"], "A-4", "{}", TimeSpan.Zero, Ct));
        }
    }
}
