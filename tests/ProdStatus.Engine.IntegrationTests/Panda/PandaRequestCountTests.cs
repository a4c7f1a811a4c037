using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Params;
using ProdStatus.Samples;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Engine.IntegrationTests.Panda;

/// <summary>The request count a refresh prints is what the monitor received, and nothing is asked twice without need.</summary>
public sealed class PandaRequestCountTests
{
    private static readonly PandaStatParams Params = PandaStatParams.Read(
        ParamFile.Parse("params.yaml", new StringReader(SampleCampaign.ParamFile)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EngineTestHost Host(FakePandaMonitor monitor, int concurrency = 8) => new(new Dictionary<string, string?>
    {
        ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
        ["ProdStatus:Panda:MaxConcurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task RecordedCampaign_ColdThenWarm_CountsWhatTheMonitorReceived()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        using var host = Host(monitor);
        var service = host.Get<PandaStatService>();

        var cold = await service.CollectAsync(Params, cleanHistory: false, progress: null, Ct);
        int coldReceived = monitor.RequestCount;
        var coldRepeats = monitor.Requests.GroupBy(r => r.PathAndQuery).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var warm = await service.CollectAsync(Params, cleanHistory: false, progress: null, Ct);

        Assert.Equal(coldReceived, cold.Requests);
        Assert.Equal(1 + 2 + 13, coldReceived);
        Assert.Empty(coldRepeats);
        Assert.Equal(1, warm.Requests);
        Assert.Equal(coldReceived + 1, monitor.RequestCount);
    }

    [Fact]
    public async Task ConcurrentRefreshes_EachCountsOnlyItsOwnRequests()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create()) { Latency = TimeSpan.FromMilliseconds(5) };
        await monitor.StartAsync(Ct);
        using var host = Host(monitor);

        var runs = await Task.WhenAll(
            host.Get<PandaStatService>().CollectAsync(Params with { HistoryKey = "a" }, false, null, Ct),
            host.Get<PandaStatService>().CollectAsync(Params with { HistoryKey = "b" }, false, null, Ct));

        Assert.All(runs, r => Assert.Equal(1 + 2 + 13, r.Requests));
        Assert.Equal(monitor.RequestCount, runs.Sum(r => r.Requests));
    }

    [Fact]
    public async Task Throttled_RetriesAreCounted_ConcurrencyHalvesAndNeverExceedsTheMaximum()
    {
        await using var monitor = new FakePandaMonitor(SampleCampaign.Large(60, 5, SampleCampaign.MonitorNow))
        {
            Latency = TimeSpan.FromMilliseconds(20),
        };
        await monitor.StartAsync(Ct);
        monitor.FailNext("/jobs", 4, 429);
        using var host = Host(monitor, concurrency: 4);
        var p = new PandaStatParams("PREOPS-905", ["bench"], 0, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));

        var result = await host.Get<PandaStatService>().CollectAsync(p, cleanHistory: true, progress: null, Ct);

        Assert.Equal(60, result.TasksFetched);
        Assert.Equal(1 + 1 + 60 + 4, monitor.RequestCount);
        Assert.Equal(monitor.RequestCount, result.Requests);
        Assert.InRange(monitor.MaxInFlight, 1, 4);
        var limiter = host.Services.GetRequiredKeyedService<AdaptiveConcurrency>(PandaMonitorClient.Service);
        Assert.Equal(4, limiter.MaxConcurrency);
        Assert.InRange(limiter.Decreases, 1, 4);
        Assert.InRange(limiter.Limit, 1, 4);
    }
}
