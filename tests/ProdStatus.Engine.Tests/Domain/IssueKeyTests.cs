using ProdStatus.Engine.Domain;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Tests.Domain;

public sealed class IssueKeyTests
{
    [Theory]
    [InlineData("DRP-148", "DRP-148")]
    [InlineData(" preops-905 ", "PREOPS-905")]
    [InlineData("X-1", "X-1")]
    [InlineData("DM_2-7", "DM_2-7")]
    public void TryParse_Key_IsUpperCasedAndTrimmed(string text, string expected)
    {
        Assert.True(IssueKey.TryParse(text, out var key));
        Assert.Equal(expected, key.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("DRP 148")]
    [InlineData("DRP-")]
    [InlineData("-148")]
    [InlineData("1RP-148")]
    [InlineData("DRP-14a")]
    [InlineData("DRP-1-2")]
    [InlineData("https://jira.invalid/browse/DRP-1")]
    public void TryParse_NotAKey_IsRejected(string? text) => Assert.False(IssueKey.TryParse(text, out _));

    [Fact]
    public void Parse_NotAKey_SaysWhereInTheOneFormat()
    {
        var ex = Assert.Throws<UserInputException>(() => IssueKey.Parse("PRODUCTION_ISSUE", "PREOPS 905"));

        Assert.Equal("PRODUCTION_ISSUE: 'PREOPS 905' is not an issue key such as DRP-148", ex.Message);
    }

    [Fact]
    public void Project_IsThePartBeforeTheNumber() => Assert.Equal("PREOPS", IssueKey.Parse("k", "preops-905").Project);

    [Theory]
    [InlineData("Run\nPanDA PREOPS: preops-905 link: https://panda.invalid/\n", "PREOPS-905")]
    [InlineData("PanDA PREOPS:PREOPS-1 link:", "PREOPS-1")]
    [InlineData("PanDA PREOPS: none link:", null)]
    [InlineData("no such line", null)]
    public void ProductionIssue_DescriptionLine_IsParsedAsAKey(string description, string? expected) =>
        Assert.Equal(expected, DrpIssueParser.ProductionIssue(description)?.Value);
}
