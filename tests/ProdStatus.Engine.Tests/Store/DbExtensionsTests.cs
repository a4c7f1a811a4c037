using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Tests.Store;

public sealed class DbExtensionsTests
{
    [Theory]
    [InlineData("2022-01-20T01:37:10.1234567Z")]
    [InlineData("0001-01-01T00:00:00.0000000Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z")]
    public void ParseText_ReadsWhatToTextWrites(string text)
    {
        var parsed = DbExtensions.ParseText(text);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(text, DbExtensions.ToText(parsed));
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("2022-01-20 01:37:10", "2022-01-20T01:37:10.0000000Z")]
    [InlineData("2022-01-20T01:37:10+02:00", "2022-01-19T23:37:10.0000000Z")]
    [InlineData("2022-01-20T01:37:10.1234567+00:00", "2022-01-20T01:37:10.1234567Z")]
    public void ParseText_OtherShapes_GoThroughTheGeneralParser(string text, string expected) =>
        Assert.Equal(expected, DbExtensions.ToText(DbExtensions.ParseText(text)));

    [Fact]
    public void ParseText_InvalidDateInOurShape_Throws() =>
        Assert.Throws<FormatException>(() => DbExtensions.ParseText("2023-02-29T00:00:00.0000000Z"));
}
