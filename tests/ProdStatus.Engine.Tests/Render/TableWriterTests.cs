using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Tests.Render;

public sealed class TableWriterTests
{
    private static readonly StatTable Table = new("pandaStat", "Panda campaign statistics PREOPS-905", "Workflow Task",
        [new("quanta", true), new("note")],
        [new TableRow("20220120T012920Z_isr_700", ["12", "a|b, \"c\""], RowStyle.Failed), new TableRow("Campaign", ["12", ""], RowStyle.Summary)]);

    [Fact]
    public void JiraWiki_KeepsTheTokenLinesAndEscapesCells()
    {
        string[] lines = JiraWikiTableWriter.Write(Table).Split('\n');
        Assert.Equal(" Panda campaign statistics PREOPS-905", lines[0]);
        Assert.Equal("pandaStat", lines[1]);
        Assert.Equal("||Workflow Task||quanta||note||", lines[2]);
        Assert.Equal("|20220120T012920Z_isr_700|12|a\\|b, \"c\"|", lines[3]);
        Assert.Equal("|Campaign|12| |", lines[4]);
    }

    [Fact]
    public void Csv_QuotesWhatNeedsQuoting()
    {
        string[] lines = CsvTableWriter.Write(Table).Split("\r\n");
        Assert.Equal("Workflow Task,quanta,note", lines[0]);
        Assert.Equal("20220120T012920Z_isr_700,12,\"a|b, \"\"c\"\"\"", lines[1]);
    }

    [Fact]
    public void Html_MarksFailedAndSummaryRows()
    {
        string html = HtmlTableWriter.Write(Table, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains("<tr class=\"failed\"><td>20220120T012920Z_isr_700</td><td class=\"num\">12</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"summary\">", html, StringComparison.Ordinal);
        Assert.Contains("a|b, &quot;c&quot;", html, StringComparison.Ordinal);
    }
}
