using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Samples;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Engine.IntegrationTests.Panda;

public sealed class PandaStatServiceTests
{
    private static readonly PandaStatParams Params = PandaStatParams.Read(
        ParamFile.Parse("params.yaml", new StringReader(SampleCampaign.ParamFile)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<FakePandaMonitor> StartAsync(PandaScenario? scenario = null)
    {
        var monitor = new FakePandaMonitor(scenario ?? SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        return monitor;
    }

    private static EngineTestHost Host(FakePandaMonitor monitor, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString() };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return new EngineTestHost(settings);
    }

    [Fact]
    public async Task CollectAsync_ReadsBothResponseShapes_AndEveryJob()
    {
        await using var monitor = await StartAsync();
        using var host = Host(monitor);

        var result = await host.Get<PandaStatService>().CollectAsync(Params, cleanHistory: false, progress: null, Ct);

        Assert.Equal(["20220120T012920Z", "20220121T031850Z"], result.Workflows.Select(w => w.Key).Order());
        var legacy = result.Workflows.Single(w => w.Key == "20220120T012920Z");
        Assert.Equal(("Finished", 214L, 214L, 0L), (legacy.Status, legacy.TotalFiles, legacy.ProcessedFiles, legacy.RemainingFiles));
        var current = result.Workflows.Single(w => w.Key == "20220121T031850Z");
        Assert.Equal(("SubFinished", 251L, 5L, 1L, 1L), (current.Status, current.TotalFiles, current.TasksFinished, current.TasksFailed, current.TasksSubfinished));
        Assert.Equal(current.TotalFiles - current.ProcessedFiles, current.RemainingFiles);

        // Every finished job of the scenario is counted once (full scan, no sampling).
        var scenario = SampleCampaign.Create();
        long expectedFinished = scenario.Workflows.Take(2).SelectMany(w => w.Tasks).SelectMany(t => t.Jobs()).Count(j => j.Status == "finished");
        Assert.Equal(expectedFinished, result.Tasks.Sum(t => t.Jobs.JobsFinished));
        // Two chunks of one label make one task type.
        Assert.Contains(result.TaskTypes, t => t.Row == "20220121T031850Z_visit_detector_1_701" && t.Quanta == 180);
        Assert.Equal(1 + 2 + 13, result.Requests);
    }

    [Fact]
    public async Task CollectAsync_SecondRunOfFinishedCampaign_CostsOneRequest()
    {
        await using var monitor = await StartAsync();
        using var host = Host(monitor);
        var service = host.Get<PandaStatService>();
        var first = await service.CollectAsync(Params, false, null, Ct);

        var second = await service.CollectAsync(Params, false, null, Ct);

        Assert.Equal(1, second.Requests);
        Assert.Equal(0, second.TasksFetched);
        Assert.Equal(first.Campaign, second.Campaign with { });
        Assert.Equal(first.TaskTable.Rows.Select(r => string.Join('|', r.Cells)), second.TaskTable.Rows.Select(r => string.Join('|', r.Cells)));
    }

    [Fact]
    public async Task CollectAsync_HonoursRetryAfterOn429()
    {
        await using var monitor = await StartAsync();
        monitor.RequestBudget = 0;
        monitor.RetryAfterSeconds = 1;
        using var host = Host(monitor, new() { ["ProdStatus:Panda:MaxRetries"] = "2" });
        var service = host.Get<PandaStatService>();
        var task = service.CollectAsync(Params, false, null, Ct);
        await Task.Delay(300, Ct);
        monitor.RequestBudget = null;

        var result = await task;

        Assert.Equal(2, result.Workflows.Count);
        var arrivals = monitor.ArrivalTimes.Take(2).ToArray();
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(900), $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task CollectAsync_RetryAfterBeyondLimit_FailsAtOnceWithRateLimitMessage()
    {
        await using var monitor = await StartAsync();
        monitor.RequestBudget = 0;
        monitor.RetryAfterSeconds = 3600;
        using var host = Host(monitor, new() { ["ProdStatus:Panda:MaxRetryAfterSeconds"] = "60" });

        var error = await Assert.ThrowsAsync<UpstreamException>(() => host.Get<PandaStatService>().CollectAsync(Params, false, null, Ct));

        Assert.Contains("rate limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("3600", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, monitor.RequestCount);
    }

    [Fact]
    public async Task CollectAsync_RetriesServerErrorsAndTruncatedBodies()
    {
        await using var monitor = await StartAsync();
        monitor.FailNext("/jobs", 3, 500);
        monitor.FailNext("/tasks", 1, 503);
        monitor.TruncateNext("/jobs", 2);
        using var host = Host(monitor);

        var result = await host.Get<PandaStatService>().CollectAsync(Params, false, null, Ct);

        using var reference = Host(await StartAsync());
        var clean = await reference.Get<PandaStatService>().CollectAsync(Params, false, null, Ct);
        Assert.Equal(clean.Campaign with { FirstStart = null }, result.Campaign with { FirstStart = null });
        Assert.Equal(clean.Requests + 3 + 1 + 2, result.Requests);
    }

    [Fact]
    public async Task CollectAsync_MonitorDown_ThrowsUpstreamAfterRetries()
    {
        int port;
        await using (var closed = await StartAsync())
        {
            port = closed.BaseUri.Port;
        }
        using var host = new EngineTestHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = $"http://127.0.0.1:{port}/",
            ["ProdStatus:Panda:MaxRetries"] = "2",
        });

        var error = await Assert.ThrowsAsync<UpstreamException>(() => host.Get<PandaStatService>().CollectAsync(Params, false, null, Ct));

        Assert.Equal(ExitCodes.Upstream, error.ExitCode);
        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_SendsConfiguredToken_AndReportsRefusal()
    {
        await using var monitor = await StartAsync();
        monitor.RequiredAuthorization = "Token abc123";
        using var ok = Host(monitor, new() { ["ProdStatus:Panda:Token"] = "abc123", ["ProdStatus:Panda:TokenKind"] = "Token" });
        await ok.Get<PandaStatService>().CollectAsync(Params, false, null, Ct);

        using var wrong = Host(monitor, new() { ["ProdStatus:Panda:Token"] = "nope" });
        var error = await Assert.ThrowsAsync<UpstreamException>(() => wrong.Get<PandaStatService>().CollectAsync(Params, false, null, Ct));
        Assert.Contains("401: Invalid token.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_LoginRedirect_SaysTokenIsNeeded()
    {
        await using var monitor = await StartAsync();
        monitor.RedirectAnonymous = true;
        using var host = Host(monitor);

        var error = await Assert.ThrowsAsync<UpstreamException>(() => host.Get<PandaStatService>().CollectAsync(Params, false, null, Ct));

        Assert.Contains("login required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_WithMaxTask_SamplesAsTheOriginal()
    {
        await using var monitor = await StartAsync();
        using var host = Host(monitor);
        var sampled = Params with { MaxTask = 5 };

        var result = await host.Get<PandaStatService>().CollectAsync(sampled, false, null, Ct);

        Assert.All(result.Tasks, t => Assert.True(t.Sampled && t.Jobs.JobsFinished <= 5));
        Assert.Contains(monitor.Requests, r => r.PathAndQuery.Contains("limit=5", StringComparison.Ordinal) && r.PathAndQuery.Contains("jobstatus=finished&", StringComparison.Ordinal));
        var visit = result.TaskTypes.Single(t => t.Row == "20220120T012920Z_visit_detector_1_700");
        Assert.Equal(120, visit.Quanta);
        Assert.True(visit.CpuHours > 0);
    }
}
