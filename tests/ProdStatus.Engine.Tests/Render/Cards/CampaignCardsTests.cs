using System.Text;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Cards;

public sealed class CampaignCardsTests
{
    private static readonly DateTimeOffset FailedAt = new(2022, 2, 3, 12, 5, 0, TimeSpan.Zero);

    public static TheoryData<string> CardNames => ["card-summary.json", "card-workflows.json", "card-error.json"];

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_StandardCampaign_MatchesGoldenFile(string name)
    {
        string json = CardJson.Serialize(Standard(name));

        string? diff = Golden.Compare(name, json + "\n");
        Assert.True(diff is null, diff);
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_StandardCampaign_ValidatesAgainstTheSchema(string name)
    {
        string json = CardJson.Serialize(Standard(name));

        Assert.Empty(AdaptiveCardSchema.Errors(json));
        Assert.DoesNotContain("Action.Submit", json);
        Assert.Contains("\"version\": \"1.5\"", json);
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_StandardCampaign_ValidatesAgainstTheOfficialSchema(string name) =>
        Assert.Empty(AdaptiveCardSchema.OfficialErrors(CardJson.Serialize(Standard(name))));

    [Theory]
    [InlineData("campaign-summary.example.json", "card-summary.json")]
    [InlineData("workflow-status.example.json", "card-workflows.json")]
    [InlineData("error.example.json", "card-error.json")]
    public void CardsFolder_Example_IsValidAndMatchesTheBuilder(string example, string golden)
    {
        string json = File.ReadAllText(Path.Combine(RepoPaths.Root, "cards", example));

        Assert.Empty(AdaptiveCardSchema.Errors(json));
        Assert.Equal(CardJson.Serialize(Standard(golden)) + "\n", json.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("campaign-summary.example.json")]
    [InlineData("workflow-status.example.json")]
    [InlineData("error.example.json")]
    public void CardsFolder_Example_IsValidAgainstTheOfficialSchema(string example) =>
        Assert.Empty(AdaptiveCardSchema.OfficialErrors(File.ReadAllText(Path.Combine(RepoPaths.Root, "cards", example))));

    [Fact]
    public void CardsFolder_HoldsOnlyCheckedExamples() =>
        Assert.Equal(["campaign-summary.example.json", "error.example.json", "workflow-status.example.json"],
            Directory.GetFiles(Path.Combine(RepoPaths.Root, "cards"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Fact]
    public void Schema_CardWithMisspeltTableProperty_IsRejected()
    {
        // Guards the guard: the strict schema must catch the common "firstRowAsHeaders" typo and Action.Submit.
        string json = CardJson.Serialize(CampaignCards.Summary(ReportFixtures.Standard()))
            .Replace("\"firstRowAsHeader\"", "\"firstRowAsHeaders\"", StringComparison.Ordinal);
        string submit = CardJson.Serialize(CampaignCards.Summary(ReportFixtures.Standard()))
            .Replace("\"Action.OpenUrl\"", "\"Action.Submit\"", StringComparison.Ordinal);

        Assert.NotEmpty(AdaptiveCardSchema.Errors(json));
        Assert.NotEmpty(AdaptiveCardSchema.Errors(submit));
    }

    [Fact]
    public void OfficialSchema_CardWithMisspeltTablePropertyOrSubmit_IsRejected()
    {
        string json = CardJson.Serialize(CampaignCards.Summary(ReportFixtures.Standard()));

        Assert.Empty(AdaptiveCardSchema.OfficialErrors(json));
        Assert.NotEmpty(AdaptiveCardSchema.OfficialErrors(json.Replace("\"firstRowAsHeader\"", "\"firstRowAsHeaders\"", StringComparison.Ordinal)));
        Assert.NotEmpty(AdaptiveCardSchema.OfficialErrors(json.Replace("\"Action.OpenUrl\"", "\"Action.Submit\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Schema_UnknownElementOrEnumValue_IsRejected()
    {
        string json = CardJson.Serialize(CampaignCards.Summary(ReportFixtures.Standard()));

        Assert.NotEmpty(AdaptiveCardSchema.Errors(json.Replace("\"ColumnSet\"", "\"ActionSet\"", StringComparison.Ordinal)));
        Assert.NotEmpty(AdaptiveCardSchema.Errors(json.Replace("\"bolder\"", "\"bold\"", StringComparison.Ordinal)));
        Assert.NotEmpty(AdaptiveCardSchema.Errors(json.Replace("\"version\": \"1.5\"", "\"version\": \"1.6\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cards_Campaign500TaskTypes200Workflows_StayUnderTheLimitAndSayMoreInJira()
    {
        var result = CampaignBuilder.Sized(steps: 200, taskTypes: 500).Build();
        var report = ReportFixtures.ReportBuilder(options: new ReportOptions { TopTaskTypes = 50 }).Build(result);

        foreach (var card in new[] { CampaignCards.Summary(report), CampaignCards.WorkflowStatus(report) })
        {
            int bytes = CardLimits.MessageBytes(card);
            Assert.InRange(bytes, 1, CardLimits.MaxMessageBytes);
            Assert.Empty(AdaptiveCardSchema.Errors(CardJson.Serialize(card)));
        }
        string workflows = CardJson.Serialize(CampaignCards.WorkflowStatus(report));
        Assert.Matches(@"Showing \d+ of 200 workflows: \[more in Jira\]\(https://rubinobs\.atlassian\.net/browse/PREOPS-905\)\.", workflows);
    }

    [Fact]
    public void Cards_CampaignWithoutWorkflows_AreValidAndSaySo()
    {
        var report = ReportFixtures.ReportBuilder().Build(new CampaignBuilder().Build());

        foreach (var card in new[] { CampaignCards.Summary(report), CampaignCards.WorkflowStatus(report) })
        {
            string json = CardJson.Serialize(card);
            Assert.Empty(AdaptiveCardSchema.Errors(json));
            Assert.Contains("No workflow matched the campaign.", json);
        }
    }

    [Fact]
    public void FitItems_ListTooLongForOneMessage_KeepsTheLargestCountThatFits()
    {
        AdaptiveCard Build(int n) => new() { Body = Enumerable.Range(0, n).Select(i => (CardElement)new TextBlock(new string('x', 1000))).ToList() };

        var card = CardLimits.FitItems(100, Build);

        int shown = card.Body.Count;
        Assert.InRange(shown, 20, 99);
        Assert.True(CardLimits.MessageBytes(card) <= CardLimits.MaxMessageBytes);
        Assert.True(CardLimits.MessageBytes(Build(shown + 1)) > CardLimits.MaxMessageBytes);
    }

    [Fact]
    public void Error_VeryLongMessage_IsCutAndStaysValid()
    {
        var card = CampaignCards.Error("get-panda-stat failed", new string('x', 50_000), FailedAt);

        string json = CardJson.Serialize(card);
        Assert.True(Encoding.UTF8.GetByteCount(json) < CardLimits.MaxMessageBytes);
        Assert.Contains("x…", json);
        Assert.Empty(AdaptiveCardSchema.Errors(json));
    }

    [Fact]
    public void TeamsMessage_Envelope_HasMessageTypeAndOneAdaptiveAttachment()
    {
        string json = Encoding.UTF8.GetString(CardJson.SerializeMessage(TeamsMessage.For(CampaignCards.Summary(ReportFixtures.Standard()))));

        Assert.StartsWith("{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\",\"content\":{\"$schema\":", json);
    }

    internal static AdaptiveCard Standard(string name) => name switch
    {
        "card-summary.json" => CampaignCards.Summary(ReportFixtures.Standard()),
        "card-workflows.json" => CampaignCards.WorkflowStatus(ReportFixtures.Standard()),
        "card-error.json" => CampaignCards.Error("get-panda-stat failed for PREOPS-905",
            "PanDA monitor: 503 Service Unavailable after 5 retries", FailedAt, new Uri("https://rubinobs.atlassian.net/browse/PREOPS-905")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
