using System.Net;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

public sealed class JiraClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(FakeJiraServer Server, JiraTestEngine Engine)> StartAsync(FakeJiraAuth auth, IDictionary<string, string?>? extra = null)
    {
        var server = new FakeJiraServer(auth);
        await server.StartAsync(Ct);
        return (server, new JiraTestEngine(server, auth, extra));
    }

    [Fact]
    public async Task SearchAsync_OnCloud_UsesSearchJqlAndFollowsNextPageToken()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.Cloud());
        await using var _ = server;
        using var __ = engine;
        for (int i = 1; i <= 130; i++)
        {
            server.State.Seed($"DRP-{i}", $"step1#c/2022012{i % 10}T000000Z");
        }
        var keys = await engine.Get<JiraClient>().SearchAsync("project = \"DRP\"", 1000, Ct);
        Assert.Equal(130, keys.Count);
        Assert.Equal(130, keys.Distinct().Count());
        Assert.All(server.Requests.Where(r => r.PathAndQuery.Contains("search", StringComparison.Ordinal)),
            r => Assert.StartsWith("/rest/api/2/search/jql?", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.PathAndQuery.Contains("nextPageToken=100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchAsync_OnDataCenter_UsesSearchWithStartAtAndBearer()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.DataCenter());
        await using var _ = server;
        using var __ = engine;
        for (int i = 1; i <= 105; i++)
        {
            server.State.Seed($"DRP-{i}");
        }
        var keys = await engine.Get<JiraClient>().SearchAsync("project = \"DRP\"", 1000, Ct);
        Assert.Equal(105, keys.Count);
        Assert.Contains(server.Requests, r => r.PathAndQuery.StartsWith("/rest/api/2/search?", StringComparison.Ordinal) &&
                                              r.PathAndQuery.Contains("startAt=100", StringComparison.Ordinal));
        Assert.All(server.Requests, r => Assert.Equal("Bearer dc-pat", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task GetIssueAsync_WithWrongToken_FailsWithJirasMessageAndExitCode2()
    {
        var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        await using var _ = server;
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud(token: "wrong"));
        var ex = await Assert.ThrowsAsync<JiraException>(() => engine.Get<JiraClient>().GetIssueAsync("DRP-1", Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
        Assert.Contains("You are not authenticated", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIssueAsync_UnknownProject_CarriesFieldError()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.Cloud());
        await using var _ = server;
        using var __ = engine;
        var ex = await Assert.ThrowsAsync<JiraException>(() =>
            engine.Get<JiraClient>().CreateIssueAsync(new JiraNewIssue("NOPE", "Task", "s", "d", []), Ct));
        Assert.Equal("Jira: create issue in NOPE: HTTP 400: project: valid project is required", ex.Message);
    }

    [Fact]
    public async Task AddCommentAsync_TooLong_IsRefusedBeforeSending()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.Cloud());
        await using var _ = server;
        using var __ = engine;
        server.State.Seed("DRP-1");
        var ex = await Assert.ThrowsAsync<UserInputException>(() =>
            engine.Get<JiraClient>().AddCommentAsync("DRP-1", new string('x', 32_768), Ct));
        Assert.Contains("32768 characters; Jira accepts at most 32767", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Theory]
    [InlineData("true", "/rest/api/2/issue/DRP-1")]
    [InlineData("false", "/rest/api/2/issue/DRP-1?notifyUsers=false")]
    public async Task EditIssueAsync_NotifyUsersOption(string notify, string path)
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.Cloud(), new Dictionary<string, string?> { ["ProdStatus:Jira:NotifyUsers"] = notify });
        await using var _ = server;
        using var __ = engine;
        server.State.Seed("DRP-1");
        await engine.Get<JiraClient>().EditIssueAsync("DRP-1", "new summary", "new text", Ct);
        Assert.Equal(path, Assert.Single(server.Requests, r => r.Method == "PUT").PathAndQuery);
        Assert.Equal(("new summary", "new text"), (server.State.Issues["DRP-1"].Summary, server.State.Issues["DRP-1"].Description));
    }

    [Fact]
    public async Task GetCommentsAsync_ReadsEveryPage()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.Cloud());
        await using var _ = server;
        using var __ = engine;
        server.State.Seed("DRP-1");
        var client = engine.Get<JiraClient>();
        for (int i = 0; i < 12; i++)
        {
            await client.AddCommentAsync("DRP-1", $"comment {i}", Ct);
        }
        var comments = await client.GetCommentsAsync("DRP-1", Ct);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"comment {i}"), comments.Select(c => c.Body));
        Assert.All(comments, c => Assert.NotNull(c.Created));
    }

    [Fact]
    public async Task Attachments_UploadWithNoCheckHeader_DownloadAndDelete()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.DataCenter());
        await using var _ = server;
        using var __ = engine;
        server.State.Seed("DRP-1");
        var client = engine.Get<JiraClient>();
        byte[] content = [1, 2, 3, 250];
        var added = await client.AddAttachmentAsync("DRP-1", new JiraUpload("map.yaml", content, "text/yaml"), Ct);
        var issue = await client.GetIssueAsync("DRP-1", Ct);
        Assert.Equal("map.yaml", Assert.Single(issue.Attachments).FileName);
        Assert.Equal(content, await client.DownloadAttachmentAsync(added[0].Id, Ct));
        await client.DeleteAttachmentAsync(added[0].Id, Ct);
        await client.DeleteAttachmentAsync(added[0].Id, Ct); // already gone: still fine
        Assert.Empty((await client.GetIssueAsync("DRP-1", Ct)).Attachments);
    }

    [Fact]
    public async Task Links_AreReportedFromBothEnds()
    {
        var (server, engine) = await StartAsync(FakeJiraAuth.Cloud());
        await using var _ = server;
        using var __ = engine;
        server.State.Seed("DRP-1");
        server.State.Seed("DRP-2");
        var client = engine.Get<JiraClient>();
        await client.CreateIssueLinkAsync("Relates", "DRP-1", "DRP-2", Ct);
        var fromInward = Assert.Single((await client.GetIssueAsync("DRP-1", Ct)).Links);
        var fromOutward = Assert.Single((await client.GetIssueAsync("DRP-2", Ct)).Links);
        Assert.Equal(("Relates", "DRP-1", "DRP-2"), (fromInward.TypeName, fromInward.InwardKey, fromInward.OutwardKey));
        Assert.Equal(("DRP-1", "DRP-2"), (fromOutward.InwardKey, fromOutward.OutwardKey));
    }
}
