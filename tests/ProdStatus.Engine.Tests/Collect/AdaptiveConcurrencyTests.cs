using ProdStatus.Engine.Collect.Http;

namespace ProdStatus.Engine.Tests.Collect;

public sealed class AdaptiveConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void StartsAtTheConfiguredValue() => Assert.Equal(8, new AdaptiveConcurrency(8, 8).Limit);

    [Fact]
    public void OnThrottled_Halves_DownToOne()
    {
        var limiter = new AdaptiveConcurrency(8, 8);
        Assert.True(limiter.OnThrottled(limiter.Epoch));
        Assert.Equal(4, limiter.Limit);
        limiter.OnThrottled(limiter.Epoch);
        limiter.OnThrottled(limiter.Epoch);
        limiter.OnThrottled(limiter.Epoch);
        Assert.Equal(1, limiter.Limit);
    }

    [Fact]
    public void OnThrottled_BurstSentBeforeTheDecrease_HalvesOnce()
    {
        var limiter = new AdaptiveConcurrency(8, 8);
        long sentAt = limiter.Epoch; // eight attempts in flight, all answered 429
        int decreases = Enumerable.Range(0, 8).Count(_ => limiter.OnThrottled(sentAt));
        Assert.Equal(1, decreases);
        Assert.Equal(4, limiter.Limit);
    }

    [Fact]
    public void OnSuccess_GrowsBackOnePerWindow_NeverAboveTheMaximum()
    {
        var limiter = new AdaptiveConcurrency(8, 8);
        limiter.OnThrottled(limiter.Epoch);
        Assert.Equal(4, limiter.Limit);
        Succeed(limiter, 3);
        Assert.Equal(4, limiter.Limit); // a window is as many good answers as the limit
        Succeed(limiter, 1);
        Assert.Equal(5, limiter.Limit);
        Succeed(limiter, 5 + 6 + 7);
        Assert.Equal(8, limiter.Limit);
        Succeed(limiter, 100);
        Assert.Equal(8, limiter.Limit);
    }

    [Fact]
    public void OnThrottled_ResetsTheGrowthWindow()
    {
        var limiter = new AdaptiveConcurrency(2, 8);
        Succeed(limiter, 1);
        limiter.OnThrottled(limiter.Epoch);
        Assert.Equal(1, limiter.Limit);
        Succeed(limiter, 1);
        Assert.Equal(2, limiter.Limit);
    }

    [Fact]
    public async Task EnterAsync_WaitsForAFreeSlot_AndLowerLimitAppliesToNewEntries()
    {
        var limiter = new AdaptiveConcurrency(2, 2);
        var a = await limiter.EnterAsync(Ct);
        var b = await limiter.EnterAsync(Ct);
        limiter.OnThrottled(limiter.Epoch); // limit 1 with 2 in flight
        var c = limiter.EnterAsync(Ct).AsTask();
        a.Dispose();
        Assert.False(c.IsCompleted); // still one in flight, limit 1
        b.Dispose();
        using var slot = await c.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(1, limiter.InFlight);
    }

    [Fact]
    public async Task EnterAsync_GrowthWakesAWaiter()
    {
        var limiter = new AdaptiveConcurrency(1, 2);
        using var first = await limiter.EnterAsync(Ct);
        var second = limiter.EnterAsync(Ct).AsTask();
        Assert.False(second.IsCompleted);
        Succeed(limiter, 1);
        using var slot = await second.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(2, limiter.InFlight);
    }

    [Fact]
    public async Task EnterAsync_Canceled_GivesUpItsPlaceInTheQueue()
    {
        var limiter = new AdaptiveConcurrency(1, 1);
        var held = await limiter.EnterAsync(Ct);
        using var cts = new CancellationTokenSource();
        var waiting = limiter.EnterAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(0, limiter.InFlight);
        using var next = await limiter.EnterAsync(Ct);
        Assert.Equal(1, limiter.InFlight);
    }

    private static void Succeed(AdaptiveConcurrency limiter, int times)
    {
        for (int i = 0; i < times; i++)
        {
            limiter.OnSuccess();
        }
    }
}
