using ProdStatus.Engine.Drp;
using Xunit;

namespace ProdStatus.Engine.Tests.Drp;

public sealed class DrpIssueParserTests
{
    [Theory]
    [InlineData("step1#v23_0_0_rc5/PREOPS-973/20220127T205042Z", "step1", "20220127T205042Z")]
    [InlineData("step2,step3#v23/PREOPS-905/step3_1/20220301t010203z", "step2,step3", "20220301t010203z")]
    [InlineData("a new issue", "0", "0")]
    [InlineData("#/20220127T205042Z", "", "20220127T205042Z")]
    public void ParseSummary_AcceptsWhatTheOriginalWrote(string summary, string what, string ts) =>
        Assert.Equal((what, ts), DrpIssueParser.ParseSummary(summary));

    [Fact]
    public void Parse_OriginalUpdateStatDescription_ReadsStatusLinkAndRange()
    {
        const string description = "BPS Submit Keywords:\n{code}\n" +
            "dataQuery:instrument='LSSTCam-imSim' and skymap='DC2' and exposure >=1472 and exposure <= 1502\n{code}\n" +
            "PanDA link:https://panda-doma.cern.ch/tasks/?taskname=*20220127t205042z*&date_from=01-01-2022&days=62&sortby=time-ascending\n" +
            " Panda campaign statistics PREOPS-973\npandaStat\n|x|1|\r\n||\n" +
            "Status:finished nTasks:3 nFiles:212 nRemain:0 nProc: nFinish:3 nFail:0 nSubFinish:0\n";
        var info = DrpIssueParser.Parse(description, "step1#v23_0_0_rc5/PREOPS-973/20220127T205042Z");
        Assert.Equal(new DrpIssueInfo("20220127T205042Z", new StatusCounts(3, 212, 3, 0, 0), "(1472,1502)",
            "https://panda-doma.cern.ch/tasks/?taskname=*20220127t205042z*&date_from=01-01-2022&days=62&sortby=time-ascending", "step1"), info);
    }

    [Theory]
    [InlineData("dataQuery:tract in (9615, 9697)", "(9615, 9697)")]
    [InlineData("dataQuery:skymap='DC2' and tract = 3828", "( 3828)")]
    [InlineData("dataQuery:tract>=2000 and tract<= 2100", "(2000,2100)")]
    [InlineData("dataQuery:visit >=10 and visit <=20", "(10,20)")]
    [InlineData("dataQuery:detector>=5 and exposure >=100 and exposure <= 200", "(100,200)d5")]
    [InlineData("dataQuery:instrument='LSSTCam-imSim'", "()")]
    public void Parse_DataQueryRanges(string line, string hilow) =>
        Assert.Equal(hilow, DrpIssueParser.Parse(line + "\n", "s#c/20220127T205042Z").HiLow);

    [Fact]
    public void Parse_LaterLinesWin_AndAnUnreadableStatusIsIgnored()
    {
        string text = "Status:running nTasks:2 nFiles:10 nRemain:5 nProc: nFinish:1 nFail:0 nSubFinish:0\n" +
                      "Status:finished nTasks: 2 nFiles:10.0 nRemain:0 nProc: nFinish:2 nFail:0 nSubFinish:0\n" +
                      "PanDA PREOPS: PREOPS-1 link:first\nPanDA link:second\n";
        var info = DrpIssueParser.Parse(text, "");
        Assert.Equal(new StatusCounts(2, 10, 1, 0, 0), info.Status);
        Assert.Equal("second", info.PandaLink);
    }

    [Fact]
    public void StatusLine_RoundTripsThroughTheParser()
    {
        var counts = new StatusCounts(7, 1727, 6, 1, 0);
        string line = DrpIssueParser.StatusLine("Failed", counts, 3);
        Assert.Equal("Status:Failed nTasks:7 nFiles:1727 nRemain:3 nProc: nFinish:6 nFail:1 nSubFinish:0", line);
        Assert.Equal(counts, DrpIssueParser.Parse(line, "x").Status);
    }
}
