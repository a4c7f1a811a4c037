using System.Net;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

public sealed class JiraResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task AddCommentAsync_RefusedWithRetryAfter_IsSentAgainAndLandsOnce(HttpStatusCode status)
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud());
        server.State.Seed("DRP-1");
        server.Faults.RetryAfterSeconds = 1;
        server.Faults.RefuseNext(status, 2, "POST");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await engine.Get<JiraClient>().AddCommentAsync("DRP-1", "hello", Ct);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), "Retry-After: 1 was not honoured");
        Assert.Equal(3, server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(server.State.Issues["DRP-1"].Comments);
    }

    [Fact]
    public async Task AddCommentAsync_AmbiguousFailure_IsNotSentAgain()
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud());
        server.State.Seed("DRP-1");
        server.Faults.FailAfterProcessing("POST");
        var ex = await Assert.ThrowsAsync<JiraException>(() => engine.Get<JiraClient>().AddCommentAsync("DRP-1", "hello", Ct));
        Assert.True(ex.Ambiguous);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(server.State.Issues["DRP-1"].Comments);
    }

    [Fact]
    public async Task UpsertComment_AfterAmbiguousAdd_FindsTheLandedCommentInsteadOfPostingTwice()
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud());
        server.State.Seed("DRP-1");
        server.Faults.FailAfterProcessing("POST");
        var result = await engine.Get<JiraPublisher>().UpsertCommentAsync("DRP-1", ["pandaStat"], "pandaStat table", "p.txt", Ct);
        Assert.Equal(CommentAction.Added, result.Action);
        Assert.Single(server.State.Issues["DRP-1"].Comments);
    }

    [Fact]
    public async Task GetIssueAsync_ServerErrorThenSuccess_IsRetried()
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.DataCenter());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.DataCenter());
        server.State.Seed("DRP-1", "s");
        server.Faults.RefuseNext(HttpStatusCode.BadGateway, 2, "GET");
        var issue = await engine.Get<JiraClient>().GetIssueAsync("DRP-1", Ct);
        Assert.Equal("s", issue.Summary);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task SlowAnswer_GetIsRetriedAfterTimeout_PostIsNot()
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud(), new Dictionary<string, string?> { ["ProdStatus:Jira:TimeoutSeconds"] = "1" });
        server.State.Seed("DRP-1", "s");
        var client = engine.Get<JiraClient>();
        server.Faults.SlowDelay = TimeSpan.FromSeconds(4);
        server.Faults.SlowRequests = 1;
        Assert.Equal("s", (await client.GetIssueAsync("DRP-1", Ct)).Summary);
        Assert.Equal(2, server.RequestCount);

        server.Faults.SlowRequests = 1;
        var ex = await Assert.ThrowsAsync<JiraException>(() => client.AddCommentAsync("DRP-1", "x", Ct));
        Assert.True(ex.Ambiguous);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task RetryAfterLongerThanAllowed_FailsAtOnce()
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud(), new Dictionary<string, string?> { ["ProdStatus:Jira:MaxRetryAfterSeconds"] = "5" });
        server.State.Seed("DRP-1");
        server.Faults.RetryAfterSeconds = 600;
        server.Faults.RefuseNext(HttpStatusCode.TooManyRequests);
        var ex = await Assert.ThrowsAsync<JiraException>(() => engine.Get<JiraClient>().GetIssueAsync("DRP-1", Ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Contains("Rate limit exceeded.", ex.Message, StringComparison.Ordinal);
    }
}
