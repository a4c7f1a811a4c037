using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Tests.Time;

public sealed class TimestampTests
{
    [Theory]
    [InlineData("2022-01-27 20:56:46", 0)]
    [InlineData("2022-01-27T20:56:46", 0)]
    [InlineData("2022-01-21 20:56:46.517", 5170000)]
    [InlineData("2022-01-27T20:56:46.123456", 1234560)]
    [InlineData("2022-01-27T20:56:46+00:00", 0)]
    public void TryParse_MonitorFormats_AreUtc(string text, long extraTicks)
    {
        Assert.True(UtcTimestamps.TryParse(text, out var value));
        var expected = new DateTimeOffset(2022, 1, text.StartsWith("2022-01-21", StringComparison.Ordinal) ? 21 : 27, 20, 56, 46, TimeSpan.Zero).AddTicks(extraTicks);
        Assert.Equal(expected, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2022-03-01T01:00:00.5+00:00")]
    [InlineData("2022-03-01 01:00:00.1234567Z")]
    [InlineData("2024-02-29T23:59:59.000001")]
    [InlineData("2022-03-01T01:00:00+02:00")]
    [InlineData("2022-03-01")]
    [InlineData(" 2022-03-01 01:00:00 ")]
    public void TryParse_DigitByDigitPath_AgreesWithTheGeneralParser(string text)
    {
        Assert.True(UtcTimestamps.TryParse(text, out var value));
        var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(expected.UtcDateTime, value.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00")]
    [InlineData("2022-13-01 00:00:00")]
    [InlineData("2022-03-01T24:00:00")]
    [InlineData("2022-03-01T01:00:00.12345678")]
    [InlineData("2022-03-01T01:00:00 junk")]
    [InlineData("0000-01-01 00:00:00")]
    public void TryParse_InvalidTimestamps_AreRejected(string text) => Assert.False(UtcTimestamps.TryParse(text, out _));

    [Theory]
    [InlineData(48510, "13:28:30")]
    [InlineData(2031, "0:33:51")]
    [InlineData(86400 + 3723, "1 day, 1:02:03")]
    [InlineData(3 * 86400, "3 days, 0:00:00")]
    public void FormatDuration_LooksLikePythonTimedelta(int seconds, string expected) =>
        Assert.Equal(expected, UtcTimestamps.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("20220127t205042z", "20220127T205042Z")]
    [InlineData("20220127T205042Z", "20220127T205042Z")]
    public void WorkflowTimestamp_ParsesBothCases(string token, string key)
    {
        Assert.True(WorkflowTimestamp.TryParse(token, out var ts));
        Assert.Equal(key, ts.Key);
    }

    [Theory]
    [InlineData("w_2022_05")]
    [InlineData("20221327T205042Z")]
    [InlineData("test_workflow.idds.1643028278.0990403.test")]
    public void WorkflowTimestamp_RejectsNonTimestamps(string name) =>
        Assert.False(WorkflowTimestamp.TryParseSuffix(name, '_', out _));
}
