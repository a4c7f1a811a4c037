using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ProdStatus.Engine.Publish.Jira;

/// <summary>Comments, attachments and links.</summary>
public sealed partial class JiraClient
{
    public async Task<IReadOnlyList<JiraComment>> GetCommentsAsync(string key, CancellationToken cancellationToken = default)
    {
        var comments = new List<JiraComment>();
        while (true)
        {
            var json = await SendJsonAsync(HttpMethod.Get,
                $"{Api}issue/{Esc(key)}/comment?startAt={comments.Count}&maxResults={PageSize}&orderBy=created", null,
                $"list comments of {key}", cancellationToken);
            var page = json?["comments"]?.AsArray() ?? [];
            comments.AddRange(page.OfType<JsonNode>().Select(ParseComment));
            int total = json?["total"]?.GetValue<int>() ?? comments.Count;
            if (page.Count == 0 || comments.Count >= total)
            {
                return comments;
            }
        }
    }

    public async Task<JiraComment> AddCommentAsync(string key, string body, CancellationToken cancellationToken = default)
    {
        CheckLength("comment", key, body);
        var json = await SendJsonAsync(HttpMethod.Post, $"{Api}issue/{Esc(key)}/comment", new JsonObject { ["body"] = body },
            $"add comment to {key}", cancellationToken);
        return ParseComment(json!);
    }

    public async Task UpdateCommentAsync(string key, string commentId, string body, CancellationToken cancellationToken = default)
    {
        CheckLength("comment", key, body);
        await SendJsonAsync(HttpMethod.Put, $"{Api}issue/{Esc(key)}/comment/{Esc(commentId)}", new JsonObject { ["body"] = body },
            $"update comment {commentId} of {key}", cancellationToken);
    }

    public async Task DeleteCommentAsync(string key, string commentId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Api}issue/{Esc(key)}/comment/{Esc(commentId)}");
        // A retried DELETE whose first attempt landed finds nothing: that is the wanted state.
        using var response = await SendAsync(request, $"delete comment {commentId} of {key}", cancellationToken, notFoundIsSuccess: true);
    }

    public async Task<IReadOnlyList<JiraAttachment>> AddAttachmentAsync(string key, JiraUpload file, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}issue/{Esc(key)}/attachments");
        request.Headers.Add("X-Atlassian-Token", "no-check");
        var part = new ByteArrayContent(file.Content.ToArray());
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        var form = new MultipartFormDataContent { { part, "file", file.FileName } };
        request.Content = form;
        using var response = await SendAsync(request, $"attach {file.FileName} to {key}", cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (json as JsonArray ?? []).OfType<JsonNode>().Select(ParseAttachment).ToList();
    }

    public async Task<byte[]> DownloadAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        var meta = await SendJsonAsync(HttpMethod.Get, $"{Api}attachment/{Esc(attachmentId)}", null,
            $"read attachment {attachmentId}", cancellationToken);
        string content = meta?["content"]?.GetValue<string>()
            ?? throw new JiraException($"read attachment {attachmentId}", HttpStatusCode.OK, ["answer has no content URL"]);
        using var request = new HttpRequestMessage(HttpMethod.Get, content);
        using var response = await SendAsync(request, $"download attachment {attachmentId}", cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public async Task DeleteAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Api}attachment/{Esc(attachmentId)}");
        using var response = await SendAsync(request, $"delete attachment {attachmentId}", cancellationToken, notFoundIsSuccess: true);
    }

    public async Task CreateIssueLinkAsync(string typeName, string inwardKey, string outwardKey, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["type"] = new JsonObject { ["name"] = typeName },
            ["inwardIssue"] = new JsonObject { ["key"] = inwardKey },
            ["outwardIssue"] = new JsonObject { ["key"] = outwardKey },
        };
        await SendJsonAsync(HttpMethod.Post, $"{Api}issueLink", body, $"link {inwardKey} to {outwardKey}", cancellationToken);
    }

    internal static JiraIssue ParseIssue(JsonNode json, string key)
    {
        var fields = json["fields"];
        string self = json["key"]?.GetValue<string>() ?? key;
        var attachments = (fields?["attachment"] as JsonArray ?? []).OfType<JsonNode>().Select(ParseAttachment).ToList();
        var links = new List<JiraIssueLink>();
        foreach (var link in (fields?["issuelinks"] as JsonArray ?? []).OfType<JsonNode>())
        {
            string type = link["type"]?["name"]?.GetValue<string>() ?? "";
            string id = link["id"]?.ToString() ?? "";
            // Seen from this issue: an outwardIssue entry means this issue is the inward end, and the reverse.
            links.Add(link["outwardIssue"]?["key"]?.GetValue<string>() is { } outward
                ? new JiraIssueLink(id, type, self, outward)
                : new JiraIssueLink(id, type, link["inwardIssue"]?["key"]?.GetValue<string>(), self));
        }
        return new JiraIssue(json["id"]?.ToString() ?? "", self, fields?["summary"]?.GetValue<string>() ?? "",
            fields?["description"]?.GetValue<string>() ?? "", attachments, links);
    }

    private static JiraComment ParseComment(JsonNode json) =>
        new(json["id"]?.ToString() ?? "", json["body"]?.GetValue<string>() ?? "", ParseTime(json["created"]), ParseTime(json["updated"]));

    private static JiraAttachment ParseAttachment(JsonNode json) =>
        new(json["id"]?.ToString() ?? "", json["filename"]?.GetValue<string>() ?? "",
            json["size"]?.GetValue<long>() ?? 0, ParseTime(json["created"]));
}
