using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Domain.Butler;
using Xunit;

namespace ProdStatus.Engine.Tests.Butler;

public sealed class ButlerAggregationTests
{
    [Fact]
    public void Histogram_P95_IsWithinOnePercentAndSurvivesSerialization()
    {
        var histogram = new RssHistogram();
        for (long i = 1; i <= 1000; i++)
        {
            histogram.Add(i * 1_000_000);
        }

        var restored = RssHistogram.Parse(histogram.Serialize());

        Assert.Equal(1000, restored.Count);
        Assert.Equal(1_000_000_000, restored.Max);
        Assert.InRange(restored.Percentile(0.95)!.Value, 950_000_000, 950_000_000 * 1.01);
    }

    [Fact]
    public void Summarize_ExtrapolatesCpuToExecutedQuantaNotRead()
    {
        var histogram = new RssHistogram();
        histogram.Add(2L * 1024 * 1024 * 1024);
        var stats = new ButlerTaskStats("run", "20220101T000000Z", "isr", Quanta: 10, Read: 2, NoFile: 2, Provenance: 0, Unreadable: 0,
            NoMetadata: 0, Skipped: 6, FirstStart: null, CpuSum: 20, CpuCount: 2, CpuMax: 12, WallSum: 30, WallCount: 2, histogram);

        var row = ButlerAggregation.Summarize("r", [stats]);

        Assert.Equal((20 + 10 * 6) / 3600.0, row.CpuHours, 12);
        Assert.Equal(10, row.CpuMean);
        Assert.Equal(15, row.WallMean);
        Assert.Equal(2, row.MaxRssGb);
    }

    [Fact]
    public void ByRow_MergesRunsWithTheSameTimestampAndLabel()
    {
        static ButlerTaskStats Stats(string run, double cpu) =>
            new(run, "20220101T000000Z", "isr", 1, 1, 0, 0, 0, 0, 0, null, cpu, 1, cpu, cpu, 1, new RssHistogram());

        var rows = ButlerAggregation.ByRow([Stats("a/20220101T000000Z", 10), Stats("b/20220101T000000Z", 30)]);

        var row = Assert.Single(rows);
        Assert.Equal("20220101T000000Z_isr", row.Row);
        Assert.Equal(20, row.CpuMean);
        Assert.Equal(30, row.CpuMax);
    }
}
