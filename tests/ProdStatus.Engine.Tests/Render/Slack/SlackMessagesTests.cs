using System.Text.Json;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Slack;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Slack;

public sealed class SlackMessagesTests
{
    [Fact]
    public void Summary_StandardCampaign_MatchesGoldenFile()
    {
        string json = SlackJson.Serialize(SlackMessages.Summary(ReportFixtures.Standard()));

        string? diff = Golden.Compare("slack-summary.json", json + "\n");
        Assert.True(diff is null, diff);
    }

    [Fact]
    public void Summary_StandardCampaign_IsWithinLimitsWithFallbackTableAndButtons()
    {
        var message = SlackMessages.Summary(ReportFixtures.Standard());

        Assert.Empty(SlackLimits.Check(message));
        Assert.Equal("Campaign summary PREOPS-905: 1 SubFinished, 1 Transforming, 1 Finished; 150.36 CPU-hours", message.Text);
        Assert.Single(message.Blocks.OfType<TableBlock>());
        var buttons = Assert.Single(message.Blocks.OfType<ActionsBlock>()).Elements;
        Assert.Equal(["open_jira", "open_panda"], buttons.Select(b => b.ActionId));
    }

    [Fact]
    public void Summary_Campaign500TaskTypes200Workflows_IsCutToTheLimitsWithMoreInJira()
    {
        var result = CampaignBuilder.Sized(steps: 200, taskTypes: 500).Build();
        var report = ReportFixtures.ReportBuilder(options: new ReportOptions { TopTaskTypes = 50 }).Build(result);

        var message = SlackMessages.Summary(report);

        Assert.Empty(SlackLimits.Check(message));
        Assert.True(message.Blocks.Count <= SlackLimits.MaxBlocks);
        Assert.True(message.Blocks.OfType<SectionBlock>().Sum(b => b.Text?.Text.Length ?? 0) < 10_000);
        string json = SlackJson.Serialize(message);
        Assert.Matches(@"… \d+ more workflows in <https://rubinobs\.atlassian\.net/browse/PREOPS-905\|Jira>", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.String, parsed.RootElement.GetProperty("text").ValueKind);
    }

    [Fact]
    public void Summary_CampaignWithoutWorkflows_IsValidWithoutATable()
    {
        var message = SlackMessages.Summary(ReportFixtures.ReportBuilder().Build(new CampaignBuilder().Build()));

        Assert.Empty(SlackLimits.Check(message));
        Assert.Empty(message.Blocks.OfType<TableBlock>());
        Assert.Equal("Campaign summary PREOPS-905: no workflows; 0.00 CPU-hours", message.Text);
        Assert.Contains(message.Blocks.OfType<SectionBlock>(), b => b.Text?.Text.Contains("No workflow matched the campaign.", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void TableBlock_TableOf150Rows_KeepsHeaderAnd99RowsAnd20Cells()
    {
        var columns = Enumerable.Range(0, 30).Select(i => new TableColumn($"c{i}", true)).ToList();
        var rows = Enumerable.Range(0, 150).Select(i => new TableRow($"row{i}", columns.Select(_ => "1").ToList())).ToList();

        var block = SlackTables.From(new StatTable("t", "T", "name", columns, rows), out int cut);

        Assert.Equal(100, block.Rows.Count);
        Assert.All(block.Rows, r => Assert.Equal(20, r.Count));
        Assert.Equal(51, cut);
        Assert.Equal("name", block.Rows[0][0].Text);
    }

    [Fact]
    public void Check_MessageOverEveryLimit_ListsEachProblem()
    {
        var table = new TableBlock([Enumerable.Range(0, 21).Select(_ => new RawTextCell("x")).ToList()]);
        var blocks = new List<SlackBlock> { new HeaderBlock(new PlainText(new string('h', 151))), new SectionBlock(new MrkdwnText(new string('s', 3001))), table, table };
        blocks.AddRange(Enumerable.Range(0, 50).Select(_ => new DividerBlock()));

        var problems = SlackLimits.Check(new SlackMessage("", blocks));

        Assert.Equal(
        [
            "no top-level text fallback", "54 blocks (max 50)", "block 0: header has 151 characters (max 150)",
            "block 1: section text has 3001 characters (max 3000)", "block 2: table over 100 rows or 20 cells per row",
            "block 3: table over 100 rows or 20 cells per row", "2 table blocks (only one per message)",
        ], problems);
    }

    [Fact]
    public void Escape_MrkdwnControlCharacters_AreEntities() =>
        Assert.Equal("a &amp; b &lt;c&gt;", SlackMessages.Escape("a & b <c>"));
}
