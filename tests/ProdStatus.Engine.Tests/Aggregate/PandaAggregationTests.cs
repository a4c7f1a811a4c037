using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Domain.Panda;

namespace ProdStatus.Engine.Tests.Aggregate;

public sealed class PandaAggregationTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 27, 20, 0, 0, TimeSpan.Zero);

    private static PandaTaskRecord Task(long id, string label, long nfiles, int startMin, int endMin, TaskJobStats jobs,
        string status = "done", string? identity = null, bool sampled = false, string key = "20220127T205042Z") =>
        new(id, key, label, identity ?? $"t{id}", $"t{id}", status, nfiles, 0, T0.AddMinutes(startMin), T0.AddMinutes(endMin), jobs, sampled, T0);

    private static TaskJobStats Jobs(long finished, double wall, double cpu, double rssKb = 1024 * 1024, long failed = 0, long retried = 0) =>
        new(finished, wall, cpu, rssKb, failed, retried, null, null);

    [Fact]
    public void Campaign_WallClockIsTheElapsedSpan_NotTheSumOfTasks()
    {
        var tasks = new[]
        {
            Task(1, "a", 10, 0, 60, Jobs(10, 6000, 5000)),
            Task(2, "b", 10, 30, 90, Jobs(10, 6000, 5000)),
        };

        var campaign = PandaAggregation.Campaign(tasks, T0.AddDays(1));

        Assert.Equal(TimeSpan.FromMinutes(90), campaign.WallClock);
        Assert.Equal(20, campaign.Quanta);
        Assert.Equal(10000 / 3600.0, campaign.CpuHours, 10);
        Assert.Equal(500, campaign.CpuSecondsPerJob);
        Assert.Equal(600, campaign.WallSecondsPerJob);
        Assert.Equal((long)Math.Ceiling(12000 / 5400.0), campaign.EstimatedParallelJobs);
    }

    [Fact]
    public void ByTaskType_RetriedTask_CountsQuantaOnceButAllJobs()
    {
        var tasks = new[]
        {
            Task(1, "isr_701", 100, 0, 10, Jobs(0, 0, 0, failed: 100), status: "failed", identity: "isr"),
            Task(2, "isr_701", 100, 10, 40, Jobs(100, 30000, 20000, retried: 100), identity: "isr"),
        };

        var row = Assert.Single(PandaAggregation.ByTaskType(tasks, T0.AddDays(1)));

        Assert.Equal("20220127T205042Z_isr_701", row.Row);
        Assert.Equal(100, row.Quanta);
        Assert.Equal(100, row.JobsFailed);
        Assert.Equal(100, row.RetriedAttempts);
        Assert.Equal(TimeSpan.FromMinutes(40), row.WallClock);
    }

    [Fact]
    public void ByTaskType_SampledTask_ExtrapolatesToAllQuanta()
    {
        var row = Assert.Single(PandaAggregation.ByTaskType([Task(1, "a", 1000, 0, 60, Jobs(10, 1000, 720), sampled: true)], T0));
        Assert.Equal(72.0 * 1000 / 3600, row.CpuHours, 10);
        Assert.Equal(72, row.CpuSecondsPerJob);
    }

    [Fact]
    public void ByTaskType_RunningTask_ClockRunsToNow()
    {
        var running = Task(1, "a", 10, 0, 0, Jobs(1, 10, 10), status: "running") with { EndUtc = null };
        var row = Assert.Single(PandaAggregation.ByTaskType([running], T0.AddHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), row.WallClock);
    }

    [Fact]
    public void Summarize_MaxRssIsInGibibytesFromKilobytes()
    {
        var row = PandaAggregation.Campaign([Task(1, "a", 1, 0, 1, Jobs(1, 1, 1, rssKb: 3 * 1024 * 1024))], T0);
        Assert.Equal(3.0, row.MaxRssGb, 10);
    }

    [Fact]
    public void TaskJobStatsBuilder_CountsFinishedFailedAndRetries()
    {
        var builder = new TaskJobStatsBuilder();
        builder.Add("finished", 1, T0, T0.AddSeconds(100), 100, 80, 2000);
        builder.Add("failed", 1, T0, T0.AddSeconds(10), 10, 2, 9999999);
        builder.Add("finished", 2, T0.AddSeconds(20), T0.AddSeconds(80), null, null, 3000);

        var stats = builder.Build();

        Assert.Equal((2L, 160.0, 80.0, 3000.0, 1L, 1L), (stats.JobsFinished, stats.SumWallSeconds, stats.SumCpuSeconds, stats.MaxRssKb, stats.JobsFailed, stats.RetriedAttempts));
        Assert.Equal(T0, stats.FirstJobStart);
        Assert.Equal(T0.AddSeconds(100), stats.LastJobEnd);
    }
}
