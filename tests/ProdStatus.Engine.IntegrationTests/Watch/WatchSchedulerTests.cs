using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.IntegrationTests.Butler;
using ProdStatus.Engine.Watch;
using ProdStatus.Samples;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Watch;

namespace ProdStatus.Engine.IntegrationTests.Watch;

/// <summary>The scheduler across replicas sharing PostgreSQL, and the digest it sends.</summary>
public sealed class WatchSchedulerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly WatchThresholds Thresholds = new(TimeSpan.FromMinutes(15), 5, TimeSpan.FromHours(3), 20, false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PandaScenario Answer(int finished, int failed) =>
        WatchScenario.Campaign(T0, "Transforming", ("makeWarp", "running", finished, failed, JobFailure.PipelineNew));

    private static EngineTestHost Replica(FakePandaMonitor monitor, string connection, FakeTimeProvider clock, RecordingAlertPoster poster) =>
        new(new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Store:Provider"] = "Postgres",
            ["ProdStatus:Store:ConnectionString"] = connection,
            ["ProdStatus:Watch:CollTypes:0"] = "2.2i",
            ["ProdStatus:Watch:LookbackDays"] = "30",
        }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IAlertPoster>(poster);
            services.AddSingleton<WatchScheduler>();
            services.AddSingleton<DigestScheduler>();
        });

    [Fact]
    public async Task TwoReplicasOnPostgres_PollTheWatchOnce_AndPostOneAlertPerChannel()
    {
        await using var monitor = new FakePandaMonitor(Answer(40, 5));
        await monitor.StartAsync(Ct);
        string db = await postgres.Cluster.CreateDatabaseAsync(Ct);
        var clock = new FakeTimeProvider(T0);
        var poster = new RecordingAlertPoster();
        using var a = Replica(monitor, db, clock, poster);
        using var b = Replica(monitor, db, clock, poster);
        var targets = a.Get<WatchTargetRepository>();
        await targets.WatchAsync("PREOPS-905", "C-OPS", "U1", Thresholds, T0, Ct);
        await targets.WatchAsync("PREOPS-905", "C-SHIFT", "U2", Thresholds, T0, Ct);

        var ran = await Task.WhenAll(a.Get<WatchScheduler>().RunDueAsync(Ct), b.Get<WatchScheduler>().RunDueAsync(Ct),
            a.Get<WatchScheduler>().RunDueAsync(Ct), b.Get<WatchScheduler>().RunDueAsync(Ct));
        var again = await Task.WhenAll(a.Get<WatchScheduler>().RunDueAsync(Ct), b.Get<WatchScheduler>().RunDueAsync(Ct));

        Assert.Equal(1, ran.Sum());
        Assert.Equal(0, again.Sum());
        Assert.Equal(["C-OPS", "C-SHIFT"], poster.Alerts.Where(x => x.Alert.Rule == AlertRule.FailureRate).Select(x => x.Channel).Order());

        clock.Advance(TimeSpan.FromMinutes(20)); // past the interval and its jitter: due again, still one poll
        Assert.Equal(1, (await Task.WhenAll(a.Get<WatchScheduler>().RunDueAsync(Ct), b.Get<WatchScheduler>().RunDueAsync(Ct))).Sum());
        Assert.Equal(2, poster.Alerts.Count(x => x.Alert.Rule == AlertRule.FailureRate));
    }

    [Fact]
    public async Task Digest_ClaimedOnceAcrossReplicas_WithProgressEtaAndChart()
    {
        await using var monitor = new FakePandaMonitor(Answer(100, 0));
        await monitor.StartAsync(Ct);
        string db = await postgres.Cluster.CreateDatabaseAsync(Ct);
        var clock = new FakeTimeProvider(T0);
        var poster = new RecordingAlertPoster();
        using var a = Replica(monitor, db, clock, poster);
        using var b = Replica(monitor, db, clock, poster);
        await a.Get<WatchTargetRepository>().WatchAsync("PREOPS-905", "C-OPS", "U1", Thresholds, T0, Ct);
        await a.Get<WatchScheduler>().RunDueAsync(Ct);
        clock.Advance(TimeSpan.FromHours(1));
        monitor.Replace(WatchScenario.Campaign(T0, "Transforming", ("makeWarp", "running", 300, 2, JobFailure.WallTime)));
        await a.Get<WatchScheduler>().RunDueAsync(Ct);

        var due = clock.GetUtcNow();
        int sent = (await Task.WhenAll(a.Get<DigestScheduler>().RunAsync(due, Ct), b.Get<DigestScheduler>().RunAsync(due, Ct))).Sum();

        Assert.Equal(1, sent);
        var (channel, digest) = Assert.Single(poster.Digests);
        Assert.Equal("C-OPS", channel);
        Assert.Contains("Shift digest PREOPS-905", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Progress: 200 jobs finished since 2022-01-21 12:00:00 UTC; 300 of 1000 in all", digest.Text, StringComparison.Ordinal);
        Assert.Contains("New failure causes since the last digest: wall-time exceeded · new in 20220121T031850Z_makeWarp_701", digest.Text, StringComparison.Ordinal);
        Assert.Contains("ETA: 2022-01-21 16:30:00 UTC", digest.Text, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], digest.Png.Take(4));
    }
}
