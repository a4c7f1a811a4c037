using System.Text;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

public sealed class JiraPublisherTests : IAsyncLifetime
{
    private readonly FakeJiraServer _server = new(FakeJiraAuth.Cloud());
    private JiraTestEngine _engine = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JiraPublisher Publisher => _engine.Get<JiraPublisher>();

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(Ct);
        _engine = new JiraTestEngine(_server, FakeJiraAuth.Cloud());
        _server.State.Seed("PREOPS-905");
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Dispose();
        await _server.DisposeAsync();
    }

    private List<FakeComment> Comments => _server.State.Issues["PREOPS-905"].Comments;

    [Fact]
    public async Task UpsertComment_NoMatch_AddsOne_ThenUpdatesInPlace_ThenLeavesUnchanged()
    {
        string[] tokens = ["pandaStat", "PREOPS-905"];
        var first = await Publisher.UpsertCommentAsync("PREOPS-905", tokens, " Panda campaign statistics PREOPS-905\npandaStat\nv1", "x.txt", Ct);
        var second = await Publisher.UpsertCommentAsync("PREOPS-905", tokens, " Panda campaign statistics PREOPS-905\npandaStat\nv2", "x.txt", Ct);
        int writes = _server.Landed.Count;
        var third = await Publisher.UpsertCommentAsync("PREOPS-905", tokens, " Panda campaign statistics PREOPS-905\npandaStat\nv2", "x.txt", Ct);
        Assert.Equal((CommentAction.Added, CommentAction.Updated, CommentAction.Unchanged), (first.Action, second.Action, third.Action));
        Assert.Equal(first.CommentId, second.CommentId);
        Assert.EndsWith("v2", Assert.Single(Comments).Body, StringComparison.Ordinal);
        Assert.Equal(writes, _server.Landed.Count);
    }

    [Fact]
    public async Task UpsertComment_SeveralMatch_UpdatesNewestAndReportsOthers()
    {
        var client = _engine.Get<JiraClient>();
        var old = await client.AddCommentAsync("PREOPS-905", "butlerStat PREOPS-905 old", Ct);
        await client.AddCommentAsync("PREOPS-905", "unrelated", Ct);
        var newer = await client.AddCommentAsync("PREOPS-905", "butlerStat PREOPS-905 newer", Ct);
        var result = await Publisher.UpsertCommentAsync("PREOPS-905", ["butlerStat", "PREOPS-905"], "butlerStat PREOPS-905 fresh", "x.txt", Ct);
        Assert.Equal(CommentAction.Updated, result.Action);
        Assert.Equal(newer.Id, result.CommentId);
        Assert.Equal([old.Id], result.OtherMatches);
        Assert.Equal(["butlerStat PREOPS-905 old", "unrelated", "butlerStat PREOPS-905 fresh"], Comments.Select(c => c.Body));
    }

    [Fact]
    public async Task UpsertComment_LongerThanJiraAllows_AttachesTextAndLeavesPointerWithTokens()
    {
        string text = " Panda campaign statistics PREOPS-905\npandaStat\n" + string.Concat(Enumerable.Repeat("|row|1|2|\n", 4000));
        var result = await Publisher.UpsertCommentAsync("PREOPS-905", ["pandaStat", "PREOPS-905"], text, "pandaStat-full.txt", Ct);
        var issue = _server.State.Issues["PREOPS-905"];
        var attachment = Assert.Single(issue.Attachments);
        Assert.Equal("pandaStat-full.txt", attachment.FileName);
        Assert.Equal(text, Encoding.UTF8.GetString(attachment.Content));
        string body = Assert.Single(issue.Comments).Body;
        Assert.True(body.Length < 1000);
        Assert.Contains("[^pandaStat-full.txt]", body, StringComparison.Ordinal);
        Assert.Equal(CommentAction.Added, result.Action);
        // The pointer still carries the tokens, so the next run updates it instead of adding another.
        Assert.Equal(CommentAction.Unchanged, (await Publisher.UpsertCommentAsync("PREOPS-905", ["pandaStat", "PREOPS-905"], text, "pandaStat-full.txt", Ct)).Action);
    }

    [Fact]
    public async Task ReplaceAttachment_UploadsThenDeletesOnlyExactName_AndSkipsIdenticalContent()
    {
        var client = _engine.Get<JiraClient>();
        await client.AddAttachmentAsync("PREOPS-905", new JiraUpload("pandaStat.html", "old"u8.ToArray()), Ct);
        await client.AddAttachmentAsync("PREOPS-905", new JiraUpload("old-pandaStat.html", "keep"u8.ToArray()), Ct);
        Assert.True(await Publisher.ReplaceAttachmentAsync("PREOPS-905", new JiraUpload("pandaStat.html", "new"u8.ToArray()), Ct));
        int landed = _server.Landed.Count;
        Assert.False(await Publisher.ReplaceAttachmentAsync("PREOPS-905", new JiraUpload("pandaStat.html", "new"u8.ToArray()), Ct));
        Assert.Equal(landed, _server.Landed.Count);
        var attachments = _server.State.Issues["PREOPS-905"].Attachments.OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
        Assert.Equal(["old-pandaStat.html", "pandaStat.html"], attachments.Select(a => a.FileName));
        Assert.Equal("new", Encoding.UTF8.GetString(attachments[1].Content));
        var writes = _server.Landed.Where(w => w.Contains("attachment", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("POST", writes[^2], StringComparison.Ordinal); // upload first …
        Assert.StartsWith("DELETE", writes[^1], StringComparison.Ordinal); // … then delete the old one
    }

    [Fact]
    public async Task ReplaceAttachment_UploadAnswerLost_ChecksInsteadOfUploadingTwice_ThenDeletesTheOld()
    {
        await _engine.Get<JiraClient>().AddAttachmentAsync("PREOPS-905", new JiraUpload("map.yaml", "old"u8.ToArray()), Ct);
        _server.Faults.FailAfterProcessing("POST");
        Assert.True(await Publisher.ReplaceAttachmentAsync("PREOPS-905", new JiraUpload("map.yaml", "new!"u8.ToArray()), Ct));
        Assert.Equal("new!", Encoding.UTF8.GetString(Assert.Single(_server.State.Issues["PREOPS-905"].Attachments).Content));
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task EnsureLink_AnswerLost_IsNotCreatedTwice()
    {
        _server.State.Seed("DRP-8");
        _server.Faults.FailAfterProcessing("POST");
        Assert.True(await Publisher.EnsureLinkAsync("Relates", "PREOPS-905", "DRP-8", Ct));
        Assert.Single(_server.State.Links);
    }

    [Fact]
    public async Task EnsureLink_CreatesOnlyWhenAbsent()
    {
        _server.State.Seed("DRP-7");
        Assert.True(await Publisher.EnsureLinkAsync("Relates", "PREOPS-905", "DRP-7", Ct));
        Assert.False(await Publisher.EnsureLinkAsync("Relates", "PREOPS-905", "DRP-7", Ct));
        Assert.Single(_server.State.Links);
    }

    [Fact]
    public async Task ConcurrentUpserts_ToOneIssue_AreSerialized()
    {
        var tasks = Enumerable.Range(0, 6).Select(i =>
            Publisher.UpsertCommentAsync("PREOPS-905", ["workflow status", "PREOPS-905"], $"workflow status PREOPS-905 run {i}", "x.txt", Ct));
        await Task.WhenAll(tasks);
        Assert.Single(Comments);
    }
}
