using System.Net;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;
using Xunit;

namespace ProdStatus.Engine.Tests.Publish;

public sealed class JiraApiLintTests
{
    [Fact]
    public void EveryJiraApiMethod_EndsWithAnOptionalCancellationToken()
    {
        var offenders = typeof(IJiraApi).GetMethods()
            .Where(m => m.GetParameters() is not [.., { ParameterType: var t, HasDefaultValue: true }] || t != typeof(CancellationToken))
            .Select(m => m.Name).ToList();
        Assert.Empty(offenders);
        Assert.All(typeof(IJiraApi).GetMethods(), m => Assert.EndsWith("Async", m.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"errorMessages":["Issue does not exist"],"errors":{}}""", new[] { "Issue does not exist" })]
    [InlineData("""{"errorMessages":[],"errors":{"description":"too long","summary":"required"}}""", new[] { "description: too long", "summary: required" })]
    [InlineData("<html><body>Bad gateway</body></html>", new[] { "<html><body>Bad gateway</body></html>" })]
    [InlineData("", new string[0])]
    public void ErrorMessages_ReadJirasErrorBody_OrKeepAShortRawText(string body, string[] expected) =>
        Assert.Equal(expected, JiraClient.ErrorMessages(body));

    [Fact]
    public void JiraException_ExitCodes_And_Ambiguity()
    {
        Assert.Equal(ExitCodes.BadInput, new JiraException("x", HttpStatusCode.NotFound, []).ExitCode);
        Assert.Equal(ExitCodes.Upstream, new JiraException("x", HttpStatusCode.BadGateway, []).ExitCode);
        Assert.True(new JiraException("x", null, []).Ambiguous);
        Assert.True(new JiraException("x", HttpStatusCode.GatewayTimeout, []).Ambiguous);
        Assert.False(new JiraException("x", HttpStatusCode.ServiceUnavailable, []).Ambiguous);
        Assert.False(new JiraException("x", HttpStatusCode.TooManyRequests, []).Ambiguous);
    }

    [Theory]
    [InlineData("2022-01-27T20:50:42.000+0000", "2022-01-27T20:50:42+00:00")]
    [InlineData("2022-01-27T22:50:42.000+0200", "2022-01-27T20:50:42+00:00")]
    [InlineData("2022-01-27T20:50:42.000Z", "2022-01-27T20:50:42+00:00")]
    public void ParseTime_ReadsJirasOffsetsWithoutColon(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), JiraClient.ParseTime(JsonValue.Create(text)));

    [Fact]
    public void Jql_QuotesAndEscapes() =>
        Assert.Equal("\"Data Release \\\"Processing\\\" \\\\ x\"", Jql.Quote("Data Release \"Processing\" \\ x"));
}
