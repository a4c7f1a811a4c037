using ProdStatus.Engine.Watch;

namespace ProdStatus.Engine.Tests.Watch;

public sealed class WatchRulesTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly WatchThresholds Defaults = new(TimeSpan.FromMinutes(15), 5, TimeSpan.FromHours(3), 20, false);

    private static CampaignSnapshot Snap(long finished, long failed, long preempted, string status = "Transforming", DateTimeOffset? progress = null) =>
        new("PREOPS-905", T0, progress ?? T0, finished, 1000, status == "Transforming",
            [new WorkflowSnapshot("20220121T031850Z", status)],
            [new TaskTypeSnapshot("wf_makeWarp", finished, failed, preempted, failed > 0 ? [new CauseSeen("pipeline error", "new")] : [])]);

    [Fact]
    public void FailureRate_NeedsTwentyJobs_AndExcludesPreemptionByDefault()
    {
        Assert.Empty(WatchRules.Evaluate(null, Snap(15, 4, 0), Defaults, T0));
        Assert.Empty(WatchRules.Evaluate(null, Snap(100, 1, 30), Defaults, T0));
        Assert.Single(WatchRules.Evaluate(null, Snap(100, 1, 30), Defaults with { IncludePreemption = true }, T0));
        var f = Assert.Single(WatchRules.Evaluate(null, Snap(90, 10, 0), Defaults, T0));
        Assert.Equal("PREOPS-905|failure-rate|wf_makeWarp|", f.Key);
    }

    [Fact]
    public void FirstPoll_IsTheBaselineForEvents()
    {
        var findings = WatchRules.Evaluate(null, Snap(10, 0, 0, progress: T0.AddDays(-1)), Defaults, T0);

        Assert.Empty(findings);
    }

    [Fact]
    public void Events_AreDifferencesFromThePreviousSnapshot_WithDedupKeys()
    {
        var findings = WatchRules.Evaluate(Snap(10, 0, 0), Snap(10, 1, 0, "Finished"), Defaults, T0);

        Assert.Equal(["PREOPS-905|workflow-state|20220121T031850Z|Finished", "PREOPS-905|new-cause|wf_makeWarp|pipeline error · new"],
            findings.Select(f => f.Key));
    }
}
