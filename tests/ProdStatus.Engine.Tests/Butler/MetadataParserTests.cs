using System.Text;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;
using Xunit;

namespace ProdStatus.Engine.Tests.Butler;

public sealed class MetadataParserTests
{
    private static readonly DateTimeOffset Prep = new(2024, 5, 1, 12, 0, 1, TimeSpan.Zero);

    /// <summary>A quantum metadata document as the executor writes it (compact, as on disk).</summary>
    private const string Example = """
        {"scalars": {}, "arrays": {}, "metadata": {
          "isr": {"scalars": {"doSaturation": true, "LSST ISR FRINGE": "SKIPPED"},
                  "arrays": {"runStartUtc": ["2024-05-01T12:00:04.512301+00:00"], "runStartCpuTime": [9.871],
                             "runEndUtc": ["2024-05-01T12:00:41.003188+00:00"], "runEndCpuTime": [44.318],
                             "runEndMaxResidentSetSize": [2013265920], "overscanMedian": [1.5, NaN]}, "metadata": {}},
          "quantum": {"scalars": {"__version__": 1, "nodeName": "sdfrome042", "caveats": 0},
                      "arrays": {"prepUtc": ["2024-05-01T12:00:01.000123+00:00"], "prepCpuTime": [8.912],
                                 "startUtc": ["2024-05-01T12:00:04.500000+00:00"], "startCpuTime": [9.86],
                                 "endUtc": ["2024-05-01T12:00:41.250000+00:00"], "endCpuTime": [44.402],
                                 "endMaxResidentSetSize": [2013265920], "outputs": ["5f0c"]},
                      "metadata": {"butler_metrics": {"scalars": {"n_get": 3}, "arrays": {}, "metadata": {}}}}}}
        """;

    [Fact]
    public void Parse_DocumentedExample_GivesDocumentedNumbers()
    {
        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(Example), "isr");

        Assert.True(outcome.Ok, outcome.Reason);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 1, 0, TimeSpan.Zero).AddTicks(1230), outcome.Usage.Start);
        Assert.Equal(34.542, outcome.Usage.CpuSeconds!.Value, 9);
        Assert.Equal(36.75, outcome.Usage.WallSeconds, 9);
        Assert.Equal(2013265920, outcome.Usage.MaxRssBytes);
    }

    [Fact]
    public void Parse_NaNInQuantumEndCpuTime_FallsBackToTaskRunKeys()
    {
        string json = Example.Replace("\"endCpuTime\": [44.402]", "\"endCpuTime\": [NaN]", StringComparison.Ordinal);

        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(json), "isr");

        Assert.Equal(44.318 - 9.871, outcome.Usage.CpuSeconds!.Value, 9);
    }

    [Fact]
    public void Parse_InfinityAndNullInArrays_AreMissingValuesNotErrors()
    {
        string json = Example.Replace("[1.5, NaN]", "[Infinity, -Infinity, null]", StringComparison.Ordinal)
            .Replace("\"endMaxResidentSetSize\": [2013265920]", "\"endMaxResidentSetSize\": [null]", StringComparison.Ordinal);

        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(json), "isr");

        Assert.True(outcome.Ok);
        Assert.Equal(2013265920, outcome.Usage.MaxRssBytes); // from the task's runEndMaxResidentSetSize
    }

    [Fact]
    public void Parse_NaNInsideAString_IsLeftAlone()
    {
        string json = Example.Replace("\"SKIPPED\"", "\"NaN Infinity \\\" NaN\"", StringComparison.Ordinal);

        Assert.True(MetadataParser.Parse(Encoding.UTF8.GetBytes(json), "isr").Ok);
    }

    [Fact]
    public void Parse_TruncatedJson_IsCorrupt()
    {
        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(Example[..300]), "isr");

        Assert.Equal(MetadataProblem.Corrupt, outcome.Problem);
        Assert.StartsWith("not valid JSON", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Parse_Empty_IsCorrupt(string text) =>
        Assert.Equal(MetadataProblem.Corrupt, MetadataParser.Parse(Encoding.UTF8.GetBytes(text), "isr").Problem);

    [Fact]
    public void Parse_InvalidUtf8InJsonString_StillReadsTheNumbers()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Example.Replace("SKIPPED", "Xdeg", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xB0;

        var outcome = MetadataParser.Parse(bytes, "isr");

        Assert.True(outcome.Ok, outcome.Reason);
        Assert.Equal(2013265920, outcome.Usage.MaxRssBytes);
    }

    [Fact]
    public void Parse_InvalidUtf8InYaml_StillReadsTheNumbers()
    {
        string yaml = MetadataDocuments.Yaml("isr", Sample(version: null, rss: 1000)).Replace("- - quantum",
            "    - - note\n      - String\n      - 'X'\n- - quantum", StringComparison.Ordinal);
        byte[] bytes = Encoding.ASCII.GetBytes(yaml);
        bytes[yaml.IndexOf("'X'", StringComparison.Ordinal) + 1] = 0xB0;

        var outcome = MetadataParser.Parse(bytes, "isr");

        Assert.True(outcome.Ok, outcome.Reason);
        Assert.Equal(1000 * 1024, outcome.Usage.MaxRssBytes);
    }

    [Theory]
    [InlineData(null, 1000L, 1024_000L)]
    [InlineData(0, 1000L, 1024_000L)]
    [InlineData(1, 1000L, 1000L)]
    public void Parse_RssUnitFollowsVersion_KiBBeforeVersion1(int? version, long written, long bytes)
    {
        var sample = Sample(version, written);

        Assert.Equal(bytes, MetadataParser.Parse(Encoding.UTF8.GetBytes(MetadataDocuments.Json("isr", sample)), "isr").Usage.MaxRssBytes);
        Assert.Equal(bytes, MetadataParser.Parse(Encoding.UTF8.GetBytes(MetadataDocuments.Yaml("isr", sample)), "isr").Usage.MaxRssBytes);
    }

    [Fact]
    public void Parse_YamlTimeWithoutFraction_IsRead()
    {
        var sample = Sample(null, 10) with { End = new DateTimeOffset(2022, 1, 27, 21, 30, 32, TimeSpan.Zero), Prep = new DateTimeOffset(2022, 1, 27, 21, 30, 1, TimeSpan.Zero) };
        sample = sample with { Start = sample.Prep.AddSeconds(1) };
        string yaml = MetadataDocuments.Yaml("isr", sample);
        Assert.Contains("'2022-01-27T21:30:32'", yaml, StringComparison.Ordinal);

        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(yaml), "isr");

        Assert.Equal(30, outcome.Usage.WallSeconds, 9);
    }

    [Fact]
    public void Parse_ListValues_LastElementWins()
    {
        string json = Example.Replace("\"endCpuTime\": [44.402]", "\"endCpuTime\": [20.5, 44.402]", StringComparison.Ordinal)
            .Replace("\"startCpuTime\": [9.86]", "\"startCpuTime\": [1.0, 9.86]", StringComparison.Ordinal);

        Assert.Equal(34.542, MetadataParser.Parse(Encoding.UTF8.GetBytes(json), "isr").Usage.CpuSeconds!.Value, 9);
    }

    [Fact]
    public void Parse_NoWorkQuantum_ZeroWallAndCpu()
    {
        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(MetadataDocuments.Json("isr", Sample(1, 5) with { NoWork = true })), "isr");

        Assert.True(outcome.Ok);
        Assert.Equal(0, outcome.Usage.WallSeconds);
        Assert.Equal(0, outcome.Usage.CpuSeconds);
    }

    [Fact]
    public void Parse_NoQuantumAndNoRunKeys_IsNoMetadata()
    {
        var outcome = MetadataParser.Parse("{\"scalars\":{},\"arrays\":{},\"metadata\":{\"isr\":{\"scalars\":{},\"arrays\":{},\"metadata\":{}}}}"u8, "isr");

        Assert.Equal(MetadataProblem.MissingKeys, outcome.Problem);
    }

    [Fact]
    public void Parse_PlainMappingJson_OfTheSpec_IsRead()
    {
        const string json = """
            {"quantum": {"prepUtc": "2022-01-27T21:34:10.123456", "startUtc": "2022-01-27T21:34:11.000001", "startCpuTime": 1.5,
                         "endUtc": "2022-01-27T21:37:30.500000", "endCpuTime": 41.0, "endMaxResidentSetSize": 904000},
             "isr": {"runStartUtc": "2022-01-27T21:34:12.000001", "runEndCpuTime": 30.0}}
            """;

        var outcome = MetadataParser.Parse(Encoding.UTF8.GetBytes(json), "isr");

        Assert.Equal(39.5, outcome.Usage.CpuSeconds!.Value, 9);
        Assert.Equal(904000L * 1024, outcome.Usage.MaxRssBytes);
    }

    [Fact]
    public void Parse_Gzip_IsCorrupt() =>
        Assert.Equal(MetadataProblem.Corrupt, MetadataParser.Parse(new byte[] { 0x1f, 0x8b, 8, 0, 0 }, "isr").Problem);

    private static QuantumSample Sample(int? version, long rss) =>
        new(Prep, Prep.AddSeconds(2), Prep.AddSeconds(12), 1, 2, 9.5, rss, version);
}
