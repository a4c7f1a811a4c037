using System.Text;
using ProdStatus.Bot.Webhooks.Jira;
using ProdStatus.Bot.Webhooks.Slack;

namespace ProdStatus.Bot.Tests;

public sealed class SignatureAndParserTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"webhookEvent":"jira:issue_updated"}""");

    [Fact]
    public void JiraSignature_CoversEveryOutcome()
    {
        string good = JiraSignature.Compute("s3cret", Body);
        Assert.Equal(JiraSignatureResult.Valid, JiraSignature.Verify("s3cret", good, Body));
        Assert.Equal(JiraSignatureResult.Valid, JiraSignature.Verify("s3cret", good.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), Body));
        Assert.Equal(JiraSignatureResult.Missing, JiraSignature.Verify("s3cret", null, Body));
        Assert.Equal(JiraSignatureResult.UnsupportedAlgorithm, JiraSignature.Verify("s3cret", "sha1=abc", Body));
        Assert.Equal(JiraSignatureResult.Mismatch, JiraSignature.Verify("other", good, Body));
    }

    [Theory]
    [InlineData("stats PREOPS-905", "stats", "PREOPS-905")]
    [InlineData("  STATS   preops-905 ", "stats", "PREOPS-905")]
    [InlineData("help", "help", null)]
    public void SlashCommand_Parses(string text, string verb, string? issue) =>
        Assert.Equal(new SlashCommand(verb, issue), SlashCommand.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("stats")]
    [InlineData("stats PREOPS-905 extra")]
    [InlineData("stats PREOPS")]
    [InlineData("delete everything")]
    public void SlashCommand_RejectsEverythingElse(string text) => Assert.Null(SlashCommand.Parse(text));
}
