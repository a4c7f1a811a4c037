using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.IntegrationTests.Butler;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Testing;

namespace ProdStatus.Engine.IntegrationTests.Slack;

/// <summary>Live messages on both stores: one poster per message, no re-post after an unknown outcome, effects once.</summary>
public sealed class LiveMessageRepositoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(10);

    private async Task<(EngineTestHost Host, LiveMessageRepository Store, FakeTimeProvider Time)> CreateAsync(string provider)
    {
        var (host, time) = await postgres.StoreHostAsync(provider, Ct);
        return (host, host.Get<LiveMessageRepository>(), time);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimPost_OnePosterAtATime_NoRepostByTheSameJob_StaleClaimOfAnotherJobTakenOver(string provider)
    {
        var (host, store, time) = await CreateAsync(provider);
        using (host)
        {
            Assert.Equal("job:1:1", (await store.ClaimPostAsync("PREOPS-905", "C1", "job:1:1", "job:1:", Stale, Ct)).PendingKey);
            Assert.Equal("job:1:1", (await store.ClaimPostAsync("PREOPS-905", "C1", "job:2:1", "job:2:", Stale, Ct)).PendingKey);
            time.Advance(TimeSpan.FromMinutes(11));
            // The same job's retry never posts again after an unknown outcome, however late.
            Assert.Equal("job:1:1", (await store.ClaimPostAsync("PREOPS-905", "C1", "job:1:2", "job:1:", Stale, Ct)).PendingKey);
            Assert.Equal("job:2:1", (await store.ClaimPostAsync("PREOPS-905", "C1", "job:2:1", "job:2:", Stale, Ct)).PendingKey);

            await store.SetPostedAsync("PREOPS-905", "C1", "job:2:1", "1700000000.000001", Ct);
            var posted = await store.ClaimPostAsync("PREOPS-905", "C1", "job:3:1", "job:3:", Stale, Ct);

            Assert.Equal(("1700000000.000001", (string?)null), (posted.Ts, posted.PendingKey));
            Assert.Single(await store.ListAsync("PREOPS-905", Ct));
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ReleasedClaimAndDeletedMessage_CanBePostedAgain(string provider)
    {
        var (host, store, _) = await CreateAsync(provider);
        using (host)
        {
            await store.ClaimPostAsync("PREOPS-905", "C1", "job:1:1", "job:1:", Stale, Ct);
            await store.ReleaseClaimAsync("PREOPS-905", "C1", "job:1:1", Ct); // Slack refused: nothing was posted
            Assert.Equal("job:1:2", (await store.ClaimPostAsync("PREOPS-905", "C1", "job:1:2", "job:1:", Stale, Ct)).PendingKey);
            await store.SetPostedAsync("PREOPS-905", "C1", "job:1:2", "1.1", Ct);

            await store.ForgetMessageAsync("PREOPS-905", "C1", "1.1", Ct);

            Assert.Equal("job:4:1", (await store.ClaimPostAsync("PREOPS-905", "C1", "job:4:1", "job:4:", Stale, Ct)).PendingKey);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SaveState_OlderDataNeverOverwritesNewer_CampaignStateAndMuteKept(string provider)
    {
        var (host, store, time) = await CreateAsync(provider);
        using (host)
        {
            var now = time.GetUtcNow();
            LiveCampaignState State(string status) => new(new Dictionary<string, string> { ["w1"] = status }, new Dictionary<string, long>(), 1, 0, 0, 0, 0, 0, now);
            await store.ClaimPostAsync("PREOPS-905", "C1", "job:1:1", "job:1:", Stale, Ct);
            await store.SetPostedAsync("PREOPS-905", "C1", "job:1:1", "1.1", Ct);

            await store.SaveStateAsync("PREOPS-905", "C1", State("Finished"), now.AddMinutes(2), Ct);
            await store.SaveStateAsync("PREOPS-905", "C1", State("Transforming"), now.AddMinutes(1), Ct);
            await store.SaveCampaignStateAsync("PREOPS-905", State("Finished"), Ct);
            Assert.True(await store.SetMutedAsync("PREOPS-905", "C1", true, Ct));
            Assert.False(await store.SetMutedAsync("PREOPS-905", "C-OTHER", true, Ct));

            var row = (await store.GetAsync("PREOPS-905", "C1", Ct))!;
            Assert.Equal(("Finished", now.AddMinutes(2), true), (row.State!.Workflows["w1"], row.DataAsOf!.Value, row.Muted));
            Assert.Equal("Finished", (await store.GetCampaignStateAsync("PREOPS-905", Ct))!.Workflows["w1"]);
            Assert.Null(await store.GetCampaignStateAsync("PREOPS-1", Ct));
        }
    }
}
