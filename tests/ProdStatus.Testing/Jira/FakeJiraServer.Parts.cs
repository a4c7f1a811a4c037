using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProdStatus.Testing.Jira;

/// <summary>Comments and attachments.</summary>
public sealed partial class FakeJiraServer
{
    private void MapComments(WebApplication app)
    {
        app.MapGet("/rest/api/2/issue/{key}/comment", (string key, int? startAt, int? maxResults) => WithIssue(key, issue =>
        {
            int start = startAt ?? 0, max = Math.Min(maxResults ?? 50, CommentPageLimit);
            var page = issue.Comments.Skip(start).Take(max).Select(c => (JsonNode)FakeJiraState.CommentJson(c));
            return Results.Json(new JsonObject
            {
                ["startAt"] = start, ["maxResults"] = max, ["total"] = issue.Comments.Count, ["comments"] = new JsonArray([.. page]),
            });
        }));
        app.MapPost("/rest/api/2/issue/{key}/comment", async (string key, HttpRequest request) =>
        {
            string body = (await JsonNode.ParseAsync(request.Body))?["body"]?.GetValue<string>() ?? "";
            return WithIssue(key, issue =>
            {
                if (body.Length is 0 or > FieldLimit)
                {
                    return FieldError("comment", body.Length == 0 ? "Comment body can not be empty!" : TooLong);
                }
                var now = State.NextTime();
                var comment = new FakeComment(State.NewId(), body, now, now);
                issue.Comments.Add(comment);
                return Results.Json(FakeJiraState.CommentJson(comment), statusCode: 201);
            });
        });
        app.MapPut("/rest/api/2/issue/{key}/comment/{id}", async (string key, string id, HttpRequest request) =>
        {
            string body = (await JsonNode.ParseAsync(request.Body))?["body"]?.GetValue<string>() ?? "";
            return WithIssue(key, issue =>
            {
                int index = issue.Comments.FindIndex(c => c.Id == id);
                if (index < 0)
                {
                    return Error(HttpStatusCode.NotFound, "Can not find a comment for the id: " + id);
                }
                if (body.Length is 0 or > FieldLimit)
                {
                    return FieldError("comment", TooLong);
                }
                issue.Comments[index] = issue.Comments[index] with { Body = body, Updated = State.NextTime() };
                return Results.Json(FakeJiraState.CommentJson(issue.Comments[index]));
            });
        });
        app.MapDelete("/rest/api/2/issue/{key}/comment/{id}", (string key, string id) => WithIssue(key, issue =>
            issue.Comments.RemoveAll(c => c.Id == id) > 0 ? Results.NoContent() : Error(HttpStatusCode.NotFound, "Can not find a comment for the id: " + id)));
    }

    private void MapAttachments(WebApplication app)
    {
        app.MapPost("/rest/api/2/issue/{key}/attachments", async (string key, HttpRequest request) =>
        {
            if (request.Headers["X-Atlassian-Token"].ToString() != "no-check")
            {
                return Error(HttpStatusCode.Forbidden, "XSRF check failed");
            }
            if (!request.HasFormContentType)
            {
                return Error(HttpStatusCode.UnsupportedMediaType, "multipart/form-data expected");
            }
            var form = await request.ReadFormAsync();
            var files = form.Files.GetFiles("file");
            if (files.Count == 0 || form.Files.Count != files.Count)
            {
                return Error(HttpStatusCode.BadRequest, "the multipart field must be named 'file'");
            }
            var uploads = new List<(string Name, byte[] Bytes, string Type)>();
            foreach (var file in files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                uploads.Add((file.FileName, buffer.ToArray(), file.ContentType));
            }
            return WithIssue(key, issue =>
            {
                var added = uploads.Select(u => new FakeAttachment(State.NewId(), u.Name, u.Bytes, u.Type, State.NextTime())).ToList();
                issue.Attachments.AddRange(added);
                return Results.Json(new JsonArray([.. added.Select(a => (JsonNode)FakeJiraState.AttachmentJson(a, BaseUri))]));
            });
        });
        app.MapGet("/rest/api/2/attachment/{id}", (string id) => WithAttachment(id, (_, a) => Results.Json(FakeJiraState.AttachmentJson(a, BaseUri))));
        app.MapGet("/secure/attachment/{id}/{name}", (string id, string name) => WithAttachment(id, (_, a) => Results.Bytes(a.Content, a.ContentType)));
        app.MapDelete("/rest/api/2/attachment/{id}", (string id) => WithAttachment(id, (issue, a) =>
        {
            issue.Attachments.Remove(a);
            return Results.NoContent();
        }));
    }

    private IResult WithAttachment(string id, Func<FakeIssue, FakeAttachment, IResult> action)
    {
        lock (State.Gate)
        {
            foreach (var issue in State.Issues.Values)
            {
                if (issue.Attachments.FirstOrDefault(a => a.Id == id) is { } attachment)
                {
                    return action(issue, attachment);
                }
            }
            return Error(HttpStatusCode.NotFound, $"The attachment with id '{id}' does not exist");
        }
    }

    /// <summary>A comparable picture of everything stored: summaries, descriptions, comment bodies, attachment names and
    /// contents, links. Two runs are idempotent when their snapshots are equal.</summary>
    public string Snapshot()
    {
        lock (State.Gate)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var issue in State.Issues.Values.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                sb.Append("# ").Append(issue.Key).Append(" | ").Append(issue.Summary).Append('\n').Append(issue.Description).Append('\n');
                foreach (var c in issue.Comments)
                {
                    sb.Append("## comment\n").Append(c.Body).Append('\n');
                }
                foreach (var a in issue.Attachments.OrderBy(a => a.FileName, StringComparer.Ordinal))
                {
                    sb.Append("## attachment ").Append(a.FileName).Append(' ').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(a.Content))).Append('\n');
                }
            }
            foreach (var l in State.Links)
            {
                sb.Append("link ").Append(l.Type).Append(' ').Append(l.Inward).Append(" -> ").Append(l.Outward).Append('\n');
            }
            return sb.ToString();
        }
    }
}
