using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

/// <summary>The fake enforces what real Jira enforces, so the client tests above prove something.</summary>
public sealed class FakeJiraServerTests : IAsyncLifetime
{
    private readonly FakeJiraServer _server = new(FakeJiraAuth.DataCenter());
    private readonly HttpClient _http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(Ct);
        _http.BaseAddress = _server.BaseUri;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dc-pat");
        _server.State.Seed("DRP-1");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Upload_WithoutNoCheckHeader_IsRefusedAsXsrf()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "a.bin" } };
        using var response = await _http.PostAsync("rest/api/2/issue/DRP-1/attachments", form, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("XSRF check failed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_OverTheLimit_IsRefusedWithJirasFieldError()
    {
        string body = "{\"fields\":{\"description\":\"" + new string('x', FakeJiraServer.FieldLimit + 1) + "\"}}";
        using var response = await _http.PutAsync("rest/api/2/issue/DRP-1", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["description: The entered text is too long. It exceeds the allowed limit of 32767 characters."],
            JiraClient.ErrorMessages(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task CloudSearchPath_OnDataCenter_IsNotFound_AndBasicAuthIsRefused()
    {
        using (var response = await _http.GetAsync("rest/api/2/search/jql?jql=project%20%3D%20%22DRP%22", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using var basic = new HttpRequestMessage(HttpMethod.Get, "rest/api/2/issue/DRP-1");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:dc-pat")));
        using var refused = await _http.SendAsync(basic, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task UnquotedMultiWordJql_IsABadRequest()
    {
        using var response = await _http.GetAsync("rest/api/2/search?jql=" + Uri.EscapeDataString("project=Data Release Processing AND issue=DRP-1"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DeleteComment_ThroughTheClient_RemovesItOnce()
    {
        using var engine = new JiraTestEngine(_server, FakeJiraAuth.DataCenter());
        var client = engine.Get<JiraClient>();
        var comment = await client.AddCommentAsync("DRP-1", "temporary", Ct);
        await client.DeleteCommentAsync("DRP-1", comment.Id, Ct);
        await client.DeleteCommentAsync("DRP-1", comment.Id, Ct);
        Assert.Empty(await client.GetCommentsAsync("DRP-1", Ct));
        Assert.Equal(1, _server.Landed.Count(w => w.StartsWith("DELETE", StringComparison.Ordinal)));
    }
}
