using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Watch;
using ProdStatus.Testing;
using ProdStatus.Testing.Watch;

namespace ProdStatus.Engine.IntegrationTests.Watch;

/// <summary>The digest loop on a fake clock: each digest is claimed at its local time, across Chile's April clock change.</summary>
public sealed class DigestLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostedDigestLoop_ClaimsEachDigestAt08And20Santiago_AcrossTheClockChange()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 3, 12, 0, 0, TimeSpan.Zero));
        using var host = new EngineTestHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Watch:Digest"] = "0 8,20 * * *",
            ["ProdStatus:Watch:DigestTimeZone"] = "America/Santiago",
        }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IAlertPoster>(new RecordingAlertPoster());
            services.AddSingleton<DigestScheduler>();
        });
        var targets = host.Get<WatchTargetRepository>();
        await targets.WatchAsync("PREOPS-905", "C1", "U1", new WatchThresholds(TimeSpan.FromMinutes(15), 5, TimeSpan.FromHours(3), 20, false), clock.GetUtcNow(), Ct);
        var schedule = DigestSchedule.Create("0 8,20 * * *", "America/Santiago")!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var scheduler = host.Get<DigestScheduler>();
        await scheduler.StartAsync(Ct);
        try
        {
            var claimed = new List<DateTimeOffset>();
            var due = clock.GetUtcNow();
            for (int i = 0; i < 8; i++)
            {
                due = schedule.NextAfter(due)!.Value;
                await WaitUntilAsync(() => scheduler.NextDueUtc == due, $"the loop did not wait for {due:O}");
                clock.Advance(due - clock.GetUtcNow());
                await WaitUntilAsync(async () => await targets.LastDigestAsync("PREOPS-905", due.AddSeconds(1), Ct) == due, $"the digest due at {due:O} was not claimed");
                claimed.Add(due);
            }

            Assert.All(claimed, c => Assert.Contains(TimeZoneInfo.ConvertTime(c, zone).Hour, new[] { 8, 20 }));
            Assert.Equal(2, claimed.Select(c => zone.GetUtcOffset(c)).Distinct().Count());
            Assert.Contains(TimeSpan.FromHours(13), claimed.Zip(claimed.Skip(1), (a, b) => b - a));
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The loop runs on the thread pool: wait (in real time) until it has got there.</summary>
    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        for (int i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException(failure);
    }
}
