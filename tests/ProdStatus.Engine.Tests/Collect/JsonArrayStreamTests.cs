using System.Text;
using System.Text.Json;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda.Wire;

namespace ProdStatus.Engine.Tests.Collect;

public sealed class JsonArrayStreamTests
{
    private static async Task<List<JobDto>> ReadJobsAsync(string json, int chunk = 1 << 20)
    {
        var list = new List<JobDto>();
        await foreach (var job in JsonArrayStream.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk), "jobs",
                           PandaJsonContext.Default.JobDto, TestContext.Current.CancellationToken))
        {
            list.Add(job);
        }
        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task ReadAsync_PropertyArray_YieldsEveryElementWhateverTheChunkSize(int chunk)
    {
        string json = """
            {"selectionsummary": [{"field": "x", "list": [{"kname": "a", "kvalue": 2}], "stats": {"sum": 5}}],
             "jobs": [{"pandaid": 5000000001, "jobstatus": "finished", "maxpss": "27.84", "durationsec": 190,
                       "piloterrordiag": "\u00fcberlastet \ud83d", "nested": {"a": [1, 2, {"b": null}]}},
                      {"pandaid": 2, "jobstatus": "failed", "starttime": null, "cpuconsumptiontime": 2.5}],
             "errsByCount": []}
            """;

        var jobs = await ReadJobsAsync(json, chunk);

        Assert.Equal([5_000_000_001L, 2L], jobs.Select(j => j.PandaId!.Value));
        Assert.Equal(190, jobs[0].DurationSec);
        Assert.Equal(2.5, jobs[1].CpuConsumptionTime);
        Assert.Null(jobs[1].StartTime);
    }

    [Fact]
    public async Task ReadAsync_MissingProperty_YieldsNothing()
    {
        Assert.Empty(await ReadJobsAsync("""{"selectionsummary": [], "errsByCount": []}"""));
    }

    [Fact]
    public async Task ReadAsync_TruncatedDocument_Throws()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadJobsAsync("""{"jobs": [{"pandaid": 1}, {"pandaid": 2, "jobst""", chunk: 5));
    }

    [Fact]
    public async Task ReadAsync_RootArray_YieldsElements()
    {
        var tasks = new List<TaskDto>();
        var bytes = Encoding.UTF8.GetBytes("""[{"jeditaskid": 9304, "starttime": "2022-01-27 20:57:26", "endtime": "2022-01-27T21:44:07"}, {"jeditaskid": 9305}]""");
        await foreach (var t in JsonArrayStream.ReadAsync(new TrickleStream(bytes, 3), null, PandaJsonContext.Default.TaskDto, TestContext.Current.CancellationToken))
        {
            tasks.Add(t);
        }
        Assert.Equal([9304L, 9305L], tasks.Select(t => t.JediTaskId!.Value));
        Assert.Equal(new DateTimeOffset(2022, 1, 27, 20, 57, 26, TimeSpan.Zero), tasks[0].StartTime);
        Assert.Equal(new DateTimeOffset(2022, 1, 27, 21, 44, 7, TimeSpan.Zero), tasks[0].EndTime);
    }

    [Fact]
    public async Task ReadAsync_ElementLargerThanInitialBuffer_IsRead()
    {
        string big = new('x', 300_000);
        var jobs = await ReadJobsAsync($$"""{"jobs": [{"pandaid": 1, "jobname": "{{big}}"}]}""", chunk: 8192);
        Assert.Equal(big, Assert.Single(jobs).JobName);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
