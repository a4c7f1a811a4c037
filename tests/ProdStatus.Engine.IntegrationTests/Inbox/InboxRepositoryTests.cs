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
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>();
        if (provider == "Postgres")
        {
            settings["ProdStatus:Store:Provider"] = "Postgres";
            settings["ProdStatus:Store:ConnectionString"] = await postgres.Cluster.CreateDatabaseAsync(Ct);
        }
        var host = new EngineTestHost(settings, s => s.AddSingleton<TimeProvider>(time));
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
    public async Task CompleteAsync_SupersedesOlderPendingJobsOfTheSameSubject(string provider)
    {
        var (host, inbox, time) = await CreateAsync(provider);
        using (host)
        {
            await inbox.EnqueueAsync(InboxKinds.JiraTransition, "jira:1", "PREOPS-905", "{}", TimeSpan.Zero, Ct);
            time.Advance(TimeSpan.FromSeconds(1));
            await inbox.EnqueueAsync(InboxKinds.JiraTransition, "jira:2", "PREOPS-905", "{}", TimeSpan.Zero, Ct);
            await inbox.EnqueueAsync(InboxKinds.JiraTransition, "jira:3", "DM-1", "{}", TimeSpan.Zero, Ct);
            time.Advance(TimeSpan.FromSeconds(1));
            // The newest job about PREOPS-905 runs; the burst before it needs no second run.
            var jobs = await inbox.ListAsync(Ct);
            var newest = jobs.Single(j => j.Subject == "PREOPS-905" && j.CreatedUtc == jobs.Where(x => x.Subject == "PREOPS-905").Max(x => x.CreatedUtc));
            await inbox.CompleteAsync(newest, Ct);

            var states = (await inbox.ListAsync(Ct)).ToDictionary(j => j.Id, j => j.State);
            Assert.Equal(InboxState.Done, states[newest.Id]);
            Assert.Equal(InboxState.Superseded, states[jobs.Single(j => j.Subject == "PREOPS-905" && j.Id != newest.Id).Id]);
            Assert.Equal(InboxState.Pending, states[jobs.Single(j => j.Subject == "DM-1").Id]);
        }
    }
}
