using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using Xunit;

namespace ProdStatus.Engine.Tests.Drp;

public sealed class SummaryTablesTests
{
    private const string Browse = "https://jira.lsstcorp.org/browse/";

    [Fact]
    public void All_MatchesTheOriginalByteForByte()
    {
        SummaryRow[] rows =
        [
            new("PREOPS-863", "DRP-12", "20211102T000000Z", new(7, 1727, 6, 1, 0), "https://panda-doma.cern.ch/tasks/?taskname=x", "step2"),
            new("PREOPS-973", "DRP-148", "20220127T205042Z", new(3, 212, 3, 0, 0),
                "https://panda-doma.cern.ch/tasks/?taskname=*20220127t205042z*&date_from=01-01-2022&days=62&sortby=time-ascending", "step1(1472,1502)"),
        ];
        Assert.Equal("""
            ||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||
            | 2022-01-27 | [PREOPS-973|https://jira.lsstcorp.org/browse/PREOPS-973] | DRP-148|{color:green}3,212,3,0,0{color}| [pDa|https://panda-doma.cern.ch/tasks/?taskname=*20220127t205042z*&date_from=01-01-2022&days=62&sortby=time-ascending] |step1(1472,1502)|
            | 2021-11-02 | [PREOPS-863|https://jira.lsstcorp.org/browse/PREOPS-863] | DRP-12|{color:red}7,1727,6,1,0{color}| [pDa|https://panda-doma.cern.ch/tasks/?taskname=x] |step2|

            """, SummaryTables.All(rows, Browse));
    }

    [Fact]
    public void Step1_KeepsOnlyStep1Rows_CutsAt25_AndHasTheExtraSpace()
    {
        SummaryRow[] rows =
        [
            new("P-1", "DRP-1", "20220101T000000Z", new(3, 10, 3, 0, 0), "l", "step1(1000000000,2000000000)d12"),
            new("P-1", "DRP-2", "20220102T000000Z", new(3, 10, 3, 0, 0), "l", "step2"),
        ];
        Assert.Equal("||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||\n" +
                     "| 2022-01-01 | [P-1|https://jira.lsstcorp.org/browse/P-1] | DRP-1|{color:green}3,10,3,0,0{color} | [pDa|l] |step1(1000000000,20000000|\n",
            SummaryTables.Step1(rows, Browse));
    }

    [Fact]
    public void All_DescriptionAndLinkWithWikiMarkup_AreEscapedAndStayOneCell()
    {
        SummaryRow[] rows = [new("P-1", "DRP-1", "20220101T000000Z", new(3, 10, 3, 0, 0), "https://p.invalid/?a=[1]|b", "a|b {x} [y]\nz")];

        Assert.Equal("||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||\n" +
                     "| 2022-01-01 | [P-1|https://jira.lsstcorp.org/browse/P-1] | DRP-1|{color:green}3,10,3,0,0{color}| [pDa|https://p.invalid/?a=%5B1%5D%7Cb] |a\\|b \\{x} \\[y] z|\n",
            SummaryTables.All(rows, Browse));
    }

    [Theory]
    [InlineData(5, 10, 5, 0, 0, true, "green")]
    [InlineData(5, 10, 3, 1, 1, true, "red")]
    [InlineData(5, 10, 4, 0, 1, true, "black")]
    [InlineData(5, 0, 0, 0, 0, true, "blue")]
    [InlineData(5, 10, 2, 1, 0, true, "blue")]
    [InlineData(5, 10, 2, 1, 0, false, "red")]
    public void Colour_RulesInOrder_LaterWins(long t, long q, long d, long fa, long sf, bool progressRule, string colour) =>
        Assert.Equal(colour, SummaryTables.Colour(new StatusCounts(t, q, d, fa, sf), progressRule));

    [Fact]
    public void LegacyTable_ParsesBothSpacingsAndRecoversTimestampsFromLinks()
    {
        string table = "||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||\n" +
            "| 2022-01-27 | [PREOPS-973|https://jira.lsstcorp.org/browse/PREOPS-973] | DRP-148|{color:green}3,212,3,0,0{color}| [pDa|https://p/tasks/?taskname=*20220127t205042z*&days=62] |step1(1472,1502)|\n" +
            "| 2021-11-02 | [PREOPS-863|https://jira.lsstcorp.org/browse/PREOPS-863] | DRP-12|{color:red}7,1727,6,1,0{color} | [pDa|https://p/x] |step2|\n";
        var rows = LegacySummary.Parse(table, "DRP-53");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new SummaryRow("PREOPS-973", "DRP-148", "20220127T205042Z", new(3, 212, 3, 0, 0), "https://p/tasks/?taskname=*20220127t205042z*&days=62", "step1(1472,1502)"), rows[0]);
        Assert.Equal(("PREOPS-863", "DRP-12", "20211102", "step2"), (rows[1].ProductionIssue, rows[1].DrpIssue, rows[1].Timestamp, rows[1].Description));
    }

    [Fact]
    public void LegacyJson_RoundTripsTheOriginalStore_AndRejectsBadRowsNamingTheKey()
    {
        var rows = LegacySummary.Parse("""{"PREOPS-973#20220127T205042Z": ["PREOPS-973", "DRP-148", [3, 212, 3, 0, 0], "link", "step1(1472,1502)"]}""", "DRP-54");
        Assert.Equal("PREOPS-973#20220127T205042Z", Assert.Single(rows).Key);
        var ex = Assert.Throws<UserInputException>(() => LegacySummary.Parse("""{"P-1#ts": ["P-1", "DRP-1", [1, 2], "l", "d"]}""", "DRP-54"));
        Assert.Equal("DRP-54: P-1#ts: the third element must be five whole numbers [T,Q,D,Fa,Sf]", ex.Message);
    }
}
