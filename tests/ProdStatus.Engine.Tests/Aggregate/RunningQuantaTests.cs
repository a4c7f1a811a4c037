using ProdStatus.Engine.Aggregate;

namespace ProdStatus.Engine.Tests.Aggregate;

public sealed class RunningQuantaTests
{
    private static TimingSeries Bin(BinMode mode, double binWidth, double startAt, double? stopAt, params (double Start, double End)[] jobs) =>
        RunningQuanta.Bin(jobs.Select(j => new JobInterval(j.Start, j.End)).ToList(), new TimingWindow(binWidth, startAt, stopAt), mode);

    [Fact]
    public void Mean_JobFillingWholeBins_CountsOneInEach()
    {
        var series = Bin(BinMode.Mean, 3600, 0, 3, (0, 7200));
        Assert.Equal([1.0, 1.0, 0.0], series.Values);
        Assert.Equal([0.0, 1.0, 2.0], series.BinStartHours);
        Assert.Equal(3.0, series.EndHours);
    }

    [Fact]
    public void Mean_JobShorterThanABin_AddsItsShare_EvenWithoutCrossingAnEdge()
    {
        // The original counted 0 for a job that does not cross a bin boundary.
        var series = Bin(BinMode.Mean, 3600, 0, 2, (600, 1500));
        Assert.Equal([0.25, 0.0], series.Values);
    }

    [Fact]
    public void Mean_JobAcrossAnEdge_IsSplitByTime()
    {
        var series = Bin(BinMode.Mean, 1800, 0, 1.5, (900, 4500));
        Assert.Equal([0.5, 1.0, 0.5], series.Values);
    }

    [Fact]
    public void Mean_AreaEqualsJobSecondsInsideTheWindow()
    {
        var jobs = new[] { (10.0, 400.0), (95.0, 96.0), (0.0, 1000.0), (333.0, 777.0) };
        var series = Bin(BinMode.Mean, 90, 0, null, jobs);
        double area = series.Values.Select((v, i) => v * (((i + 1 < series.Values.Count ? series.BinStartHours[i + 1] : series.EndHours) - series.BinStartHours[i]) * 3600)).Sum();
        Assert.Equal(jobs.Sum(j => j.Item2 - j.Item1), area, 6);
    }

    [Fact]
    public void NoStop_CurveContinuesToTheLastEnd_WithAShorterLastBin()
    {
        var series = Bin(BinMode.Mean, 100, 0, null, (0, 10), (120, 250));
        Assert.Equal(250.0 / 3600, series.EndHours);
        Assert.Equal([0.1, 0.8, 1.0], series.Values);
    }

    [Fact]
    public void WindowStartAboveZero_BinsStartThere_AndEarlierRunsAreCut()
    {
        // start_at 1 h, stop_at 2.5 h, 30-minute bins: bins at 1.0, 1.5, 2.0 h.
        var series = Bin(BinMode.Mean, 1800, 1, 2.5, (0, 4500), (5400, 5400 + 900), (8000, 20000));
        Assert.Equal([1.0, 1.5, 2.0], series.BinStartHours);
        Assert.Equal(2.5, series.EndHours);
        Assert.Equal([0.5, 0.5, 1000.0 / 1800], series.Values);
    }

    [Fact]
    public void StopAtInsideABin_LastBinIsPartial_AndAveragedOverItsOwnLength()
    {
        var series = Bin(BinMode.Mean, 3600, 0, 1.5, (3600, 5400));
        Assert.Equal([0.0, 1.0], series.Values);
        Assert.Equal(1.5, series.EndHours);
    }

    [Fact]
    public void ZeroLengthJob_AddsNothingToTheMean_ButCountsOnceInOverlapMode()
    {
        Assert.Equal([0.0, 0.0], Bin(BinMode.Mean, 1800, 0, 1, (2700, 2700)).Values);
        Assert.Equal([0.0, 1.0], Bin(BinMode.Overlap, 1800, 0, 1, (2700, 2700)).Values);
    }

    [Fact]
    public void Overlap_CountsEachJobOnceInEveryBinItTouches_EndOnAnEdgeIsExclusive()
    {
        var series = Bin(BinMode.Overlap, 900, 0, 1, (90, 180), (450, 1800), (1710, 1890), (3591, 3600));
        Assert.Equal([2.0, 2.0, 1.0, 1.0], series.Values);
    }

    [Fact]
    public void Overlap_ZeroLengthJobAtTheWindowEnd_CountsInTheLastBin()
    {
        Assert.Equal([1.0, 1.0], Bin(BinMode.Overlap, 100, 0, null, (0, 0), (200, 200)).Values);
    }

    [Fact]
    public void NoJobs_GivesOneEmptyBin()
    {
        var series = Bin(BinMode.Mean, 3600, 0, null);
        Assert.Equal([0.0], series.Values);
        Assert.Equal(1.0, series.EndHours);
    }
}
