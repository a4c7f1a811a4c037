using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Engine.Tests.Publish;

public sealed class LiveCampaignStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static LiveCampaignState State(Dictionary<string, string> workflows, Dictionary<string, long> failed) =>
        new(workflows, failed, 10, 5, 40, 100, failed.Values.Sum(), 12.5, At);

    [Fact]
    public void Changes_SameState_IsEmpty()
    {
        var state = State(new() { ["w1"] = "Transforming" }, new() { ["isr"] = 2 });

        Assert.Empty(LiveCampaignState.Changes(state, State(new() { ["w1"] = "Transforming" }, new() { ["isr"] = 2 })));
    }

    [Fact]
    public void Changes_NameAppearedFinishedChangedAndGrownFailures_OneLineEach()
    {
        var before = State(new() { ["w1"] = "Transforming", ["w2"] = "New" }, new() { ["isr"] = 2, ["calibrate"] = 5 });
        var after = State(new() { ["w1"] = "Finished", ["w2"] = "Transforming", ["w3"] = "New" }, new() { ["isr"] = 7, ["calibrate"] = 4, ["makeWarp"] = 1 });

        Assert.Equal(
        [
            "workflow `w1` finished: Transforming → Finished",
            "workflow `w2` changed status: New → Transforming",
            "workflow `w3` appeared (New)",
            "failures grew in `isr`: 2 → 7 failed jobs",
            "failures grew in `makeWarp`: 0 → 1 failed jobs",
        ], LiveCampaignState.Changes(before, after));
    }

    [Fact]
    public void Json_RoundTrips_AndStatusLineCountsWorkflows()
    {
        var state = State(new() { ["w1"] = "Finished", ["w2"] = "Finished", ["w3"] = "Failed" }, new() { ["isr"] = 3 });

        var back = LiveCampaignState.FromJson(state.ToJson())!;

        Assert.Equal("2 Finished, 1 Failed", back.StatusLine);
        Assert.True(back.Finished);
        Assert.False(State(new() { ["w1"] = "Finished", ["w2"] = "Transforming" }, new()).Finished);
        Assert.Equal((40.0, 3L, At), (back.ProgressPercent, back.JobsFailed, back.UpdatedUtc));
        Assert.Empty(LiveCampaignState.Changes(state, back));
    }
}

public sealed class SlackPacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SlackPacing Pacing(int postMs, int updateMs, TimeProvider? time = null) =>
        new(Options.Create(new SlackWebOptions { PostIntervalMilliseconds = postMs, UpdateIntervalMilliseconds = updateMs }), time ?? TimeProvider.System);

    [Fact]
    public async Task UpdatesWhileOneIsInFlight_CollapseToTheLatest()
    {
        var pacing = Pacing(0, 0);
        var sent = new List<string>();
        var gate = new TaskCompletionSource();
        async Task Send(JsonObject m, CancellationToken ct)
        {
            lock (sent)
            {
                sent.Add((string)m["text"]!);
            }
            await gate.Task;
        }

        var first = pacing.UpdateAsync("C1", "1.1", new JsonObject { ["text"] = "v0" }, Send, Ct);
        while (sent.Count == 0)
        {
            await Task.Delay(5, Ct);
        }
        var waiting = Enumerable.Range(1, 49).Select(i => pacing.UpdateAsync("C1", "1.1", new JsonObject { ["text"] = $"v{i}" }, Send, Ct)).ToList();
        gate.SetResult();
        await first;
        await Task.WhenAll(waiting);

        Assert.Equal(["v0", "v49"], sent);
    }

    [Fact]
    public async Task PostsToOneChannel_AreSpacedByTheInterval_OtherChannelsAreNot()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var pacing = Pacing(1000, 0, time);

        await pacing.PostAsync("C1", _ => Task.FromResult("a"), Ct);
        var second = pacing.PostAsync("C1", _ => Task.FromResult("b"), Ct);
        string other = await pacing.PostAsync("C2", _ => Task.FromResult("c"), Ct);
        await Task.Delay(50, Ct);

        Assert.Equal("c", other);
        Assert.False(second.IsCompleted); // waits for the clock
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("b", await second.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}
