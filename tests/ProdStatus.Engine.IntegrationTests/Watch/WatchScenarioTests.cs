using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Watch;
using ProdStatus.Samples;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;
using ProdStatus.Testing.Watch;

namespace ProdStatus.Engine.IntegrationTests.Watch;

/// <summary>Watch polls over a sequence of fake PanDA monitor answers: each rule speaks once on a change, then once when it clears.</summary>
public sealed class WatchScenarioTests
{
    private static readonly PandaStatParams Params = PandaStatParams.Read(ParamFile.Parse("params.yaml", new StringReader(SampleCampaign.ParamFile)));
    private static readonly DateTimeOffset T0 = new(2022, 1, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly WatchThresholds Thresholds = new(TimeSpan.FromMinutes(15), 5, TimeSpan.FromHours(3), 20, false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Rig : IAsyncDisposable
    {
        public required FakePandaMonitor Monitor { get; init; }
        public required EngineTestHost Host { get; init; }

        public static async Task<Rig> StartAsync(PandaScenario first)
        {
            var monitor = new FakePandaMonitor(first);
            await monitor.StartAsync(Ct);
            var clock = new FakeTimeProvider(T0);
            var host = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString() },
                services => services.AddSingleton<TimeProvider>(clock));
            return new Rig { Monitor = monitor, Host = host, ClockOverride = clock };
        }

        public required FakeTimeProvider ClockOverride { get; init; }

        public async Task<IReadOnlyList<WatchAlert>> PollAsync(PandaScenario answer, TimeSpan later)
        {
            ClockOverride.Advance(later);
            Monitor.Replace(answer);
            return (await Host.Get<WatchEngine>().PollAsync(Params, Thresholds, Ct)).Alerts;
        }

        public async ValueTask DisposeAsync()
        {
            Host.Dispose();
            await Monitor.DisposeAsync();
        }
    }

    private static PandaScenario Answer(string workflow, int finished, int failed, string taskStatus = "running") =>
        WatchScenario.Campaign(T0, workflow, ("makeWarp", taskStatus, finished, failed, JobFailure.PipelineNew));

    [Fact]
    public async Task GrowingFailures_OneAlert_ThenOneCleared()
    {
        await using var rig = await Rig.StartAsync(Answer("Transforming", 30, 0));
        var rate = new List<WatchAlert>();

        rate.AddRange(await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.Zero));
        var second = await rig.PollAsync(Answer("Transforming", 40, 5), TimeSpan.FromMinutes(15));
        rate.AddRange(second);
        rate.AddRange(await rig.PollAsync(Answer("Transforming", 60, 5), TimeSpan.FromMinutes(15)));
        rate.AddRange(await rig.PollAsync(Answer("Transforming", 200, 5), TimeSpan.FromMinutes(15)));
        rate.AddRange(await rig.PollAsync(Answer("Transforming", 220, 5), TimeSpan.FromMinutes(15)));

        var failureRate = rate.Where(a => a.Rule == AlertRule.FailureRate).ToList();
        Assert.Equal([AlertKind.Fired, AlertKind.Cleared], failureRate.Select(a => a.Kind));
        Assert.Contains("20220121T031850Z_makeWarp_701 failure rate 11.1% (5 of 45 jobs finally failed; threshold 5%)", failureRate[0].Text, StringComparison.Ordinal);
        Assert.StartsWith(":white_check_mark: Cleared:", failureRate[1].Text, StringComparison.Ordinal);
        var cause = Assert.Single(second, a => a.Rule == AlertRule.NewCause);
        Assert.Contains("new failure cause in 20220121T031850Z_makeWarp_701: pipeline error, new", cause.Text, StringComparison.Ordinal);
        Assert.Single(rate, a => a.Rule == AlertRule.NewCause);
    }

    [Fact]
    public async Task NoJobFinishedForTheStallPeriod_OneStallAlert_ThenClearedWhenJobsFinishAgain()
    {
        await using var rig = await Rig.StartAsync(Answer("Transforming", 30, 0));

        Assert.Empty(await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.Zero));
        Assert.Empty(await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.FromHours(2)));
        var stalled = await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.FromHours(1.5));
        var again = await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.FromMinutes(15));
        var moving = await rig.PollAsync(Answer("Transforming", 31, 0), TimeSpan.FromMinutes(15));

        var stall = Assert.Single(stalled);
        Assert.Equal((AlertRule.Stall, AlertKind.Fired), (stall.Rule, stall.Kind));
        Assert.Contains("no job finished for 3:30:00 (since 2022-01-21 12:00:00 UTC) while work remains", stall.Text, StringComparison.Ordinal);
        Assert.Empty(again);
        Assert.Equal([(AlertRule.Stall, AlertKind.Cleared)], moving.Select(a => (a.Rule, a.Kind)));
    }

    [Fact]
    public async Task WorkflowFinishing_OneStateChange_AndAFinishedCampaignNeverStalls()
    {
        await using var rig = await Rig.StartAsync(Answer("Transforming", 30, 0));

        await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.Zero);
        var finished = await rig.PollAsync(Answer("Finished", 40, 0, taskStatus: "done"), TimeSpan.FromMinutes(15));
        var later = await rig.PollAsync(Answer("Finished", 40, 0, taskStatus: "done"), TimeSpan.FromHours(12));

        var change = Assert.Single(finished);
        Assert.Equal((AlertRule.WorkflowState, AlertKind.Event), (change.Rule, change.Kind));
        Assert.Equal(":arrows_counterclockwise: PREOPS-905: workflow 20220121T031850Z went from Transforming to Finished", change.Text);
        Assert.Empty(later);
    }

    [Fact]
    public async Task Snooze_SuppressesRepeatsUntilItEnds()
    {
        await using var rig = await Rig.StartAsync(Answer("Transforming", 30, 0));
        var store = rig.Host.Get<WatchRepository>();
        await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.Zero);
        var fired = Assert.Single(await rig.PollAsync(Answer("Transforming", 40, 5), TimeSpan.FromMinutes(15)), a => a.Rule == AlertRule.FailureRate);

        Assert.True(await store.SnoozeAsync("PREOPS-905", fired.Key, rig.ClockOverride.GetUtcNow().AddHours(1), untilStateChange: false, Ct));
        var during = new List<WatchAlert>();
        during.AddRange(await rig.PollAsync(Answer("Transforming", 200, 5), TimeSpan.FromMinutes(15)));  // clears, quietly
        during.AddRange(await rig.PollAsync(Answer("Transforming", 200, 30), TimeSpan.FromMinutes(15))); // fires again, quietly
        during.AddRange(await rig.PollAsync(Answer("Transforming", 200, 30), TimeSpan.FromMinutes(15)));
        var after = await rig.PollAsync(Answer("Transforming", 200, 30), TimeSpan.FromMinutes(20));        // snooze over
        var afterThat = await rig.PollAsync(Answer("Transforming", 200, 30), TimeSpan.FromMinutes(15));

        Assert.DoesNotContain(during, a => a.Rule == AlertRule.FailureRate);
        Assert.Equal([AlertKind.Fired], after.Where(a => a.Rule == AlertRule.FailureRate).Select(a => a.Kind));
        Assert.Empty(afterThat);
    }

    [Fact]
    public async Task SnoozeUntilStateChange_EndsWhenAWorkflowChangesState()
    {
        await using var rig = await Rig.StartAsync(Answer("Transforming", 30, 0));
        var store = rig.Host.Get<WatchRepository>();
        await rig.PollAsync(Answer("Transforming", 30, 0), TimeSpan.Zero);
        var fired = Assert.Single(await rig.PollAsync(Answer("Transforming", 40, 5), TimeSpan.FromMinutes(15)), a => a.Rule == AlertRule.FailureRate);
        await store.SnoozeAsync("PREOPS-905", fired.Key, until: null, untilStateChange: true, Ct);

        var quiet = await rig.PollAsync(Answer("Transforming", 200, 5), TimeSpan.FromDays(2));
        var refired = await rig.PollAsync(Answer("SubFinished", 200, 40, taskStatus: "finished"), TimeSpan.FromMinutes(15));

        Assert.Empty(quiet);
        Assert.Contains(refired, a => a.Rule == AlertRule.FailureRate && a.Kind == AlertKind.Fired);
        Assert.Contains(refired, a => a.Rule == AlertRule.WorkflowState);
    }
}
