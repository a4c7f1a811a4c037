using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Render.Dashboard;

namespace ProdStatus.Engine.Tests.Render.Dashboard;

public sealed class DashboardAssemblyTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 20, 0, 0, 0, TimeSpan.Zero);

    private static StoredJobTime Job(long id, string status, double startHours, double? endHours, string label = "isr", double asOfHours = 48) =>
        new(new JobTime(id, 1, "20220120T000000Z", label, status, 1, T0.AddHours(startHours), endHours is { } e ? T0.AddHours(e) : null),
            T0.AddHours(asOfHours));

    [Fact]
    public void Progress_CountsFinishedAndFailedByEndTime()
    {
        StoredJobTime[] jobs = [Job(3, "failed", 0, 3), Job(1, "finished", 0, 1), Job(2, "finished", 0, 2), Job(4, "running", 0, null), Job(5, "cancelled", 0, 4)];
        var p = DashboardAssembly.Progress(jobs, remainingQuanta: 0, T0.AddHours(5));

        Assert.Equal([(1L, 0L), (2L, 0L), (2L, 1L)], p.Points.Select(x => (x.Finished, x.Failed)));
        Assert.Equal(T0.AddHours(3), p.Points[^1].TimeUtc);
        Assert.Equal(2, p.JobsFinished);
        Assert.Equal(1, p.JobsFailed);
        Assert.Null(p.EtaUtc);
        Assert.Equal("nothing left to process", p.EtaText);
    }

    [Fact]
    public void Progress_EstimatesTheEndFromTheLastSixHours()
    {
        // 12 jobs finished in the 6 h before the refresh (2 per hour); one long before does not count.
        var jobs = Enumerable.Range(0, 12).Select(i => Job(i, "finished", 0, 10.5 + (i * 0.5))).Append(Job(99, "finished", 0, 1)).ToList();
        var asOf = T0.AddHours(16);
        var p = DashboardAssembly.Progress(jobs, remainingQuanta: 10, asOf);

        Assert.Equal(2.0, p.RecentJobsPerHour, 9);
        Assert.Equal(asOf.AddHours(5), p.EtaUtc);
        Assert.Equal("10 quanta left at 2 jobs/h (last 6 h): done around 2022-01-20 21:00 UTC", p.EtaText);
    }

    [Fact]
    public void Progress_WithNothingRecent_GivesNoEstimate()
    {
        var p = DashboardAssembly.Progress([Job(1, "finished", 0, 1)], remainingQuanta: 7, T0.AddDays(3));
        Assert.Null(p.EtaUtc);
        Assert.Equal("7 quanta left; no job finished in the 6 h before the last refresh, so no estimate", p.EtaText);
    }

    [Fact]
    public void Progress_ThinsLongSeriesButKeepsTheLastPoint()
    {
        var jobs = Enumerable.Range(0, 20_001).Select(i => Job(i, "finished", 0, i / 100.0)).ToList();
        var p = DashboardAssembly.Progress(jobs, 0, T0.AddDays(10));
        Assert.InRange(p.Points.Count, 2, DashboardAssembly.MaxProgressPoints);
        Assert.Equal(20_001, p.Points[^1].Finished);
    }

    [Fact]
    public void Running_BinsAllJobsAndTheLargestTaskTypes()
    {
        StoredJobTime[] jobs = [Job(1, "finished", 0, 1, "isr"), Job(2, "finished", 0, 1, "isr"), Job(3, "finished", 0.5, 1, "calibrate"), Job(4, "running", 1, null, "calibrate", asOfHours: 2)];
        var r = DashboardAssembly.Running(jobs, taskTypes: 2);

        Assert.Equal(T0, r.Reference);
        Assert.Equal(["all task types", "calibrate", "isr"], r.Curves.Select(c => c.JobName));
        Assert.Equal(60, r.BinWidthSeconds); // 2 h span: 1-minute bins stay under 200
        // The running job counts up to when it was read (2 h): the curves integrate to the job-hours.
        Assert.Equal(1 + 1 + 0.5 + 1, r.Curves[0].Series.Values.Sum() * 60 / 3600, 6);
    }

    [Fact]
    public void Running_WithOneTaskType_HasOnlyTheCurveOfAllJobs()
    {
        StoredJobTime[] jobs = [Job(1, "finished", 0, 1, "isr"), Job(2, "finished", 0.5, 2, "isr")];
        var series = DashboardAssembly.Jobs(jobs);

        Assert.Equal(["all task types", "isr"], series.Running.Curves.Select(c => c.JobName));
        Assert.Equal(["all task types"], DashboardAssembly.Running(series, taskTypes: 1).Curves.Select(c => c.JobName));
        Assert.Equal(2, series.JobsFinished);
        Assert.Equal([T0.AddHours(1), T0.AddHours(2)], series.FinishedEnds);
    }
}
