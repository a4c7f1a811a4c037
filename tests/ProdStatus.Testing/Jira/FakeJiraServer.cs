using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Jira;

/// <summary>
/// A stateful Jira (REST v2) on loopback: issues, comments (paged), attachments, links and both search flavours.
/// Enforces the configured auth mode, <c>X-Atlassian-Token: no-check</c> on uploads and the 32 767-character field
/// limit; injects 429/503 (refused before processing), 500 after processing (ambiguous) and slow answers on demand.
/// </summary>
public sealed partial class FakeJiraServer(FakeJiraAuth auth) : LoopbackServer
{
    public const int FieldLimit = 32_767;

    public FakeJiraState State { get; } = new();

    public FakeJiraFaults Faults { get; } = new();

    /// <summary>Largest comment page the server returns, whatever the client asks (small, so paging is exercised).</summary>
    public int CommentPageLimit { get; set; } = 5;

    /// <summary>Writes that were carried out, in order (<c>POST rest/api/2/issue/DRP-1/comment</c>).</summary>
    public List<string> Landed { get; } = [];

    protected override void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (await Faults.BeforeAsync(context))
            {
                return;
            }
            if (!auth.Accepts(context.Request.Headers.Authorization.ToString()))
            {
                await Error(HttpStatusCode.Unauthorized, "You are not authenticated. Authentication required to perform this operation.").ExecuteAsync(context);
                return;
            }
            bool failAfter = Faults.TakeAfterProcessing(context.Request.Method);
            var original = context.Response.Body;
            if (failAfter)
            {
                context.Response.Body = new MemoryStream(); // the answer is produced, then lost
            }
            await next(context);
            if (context.Request.Method != "GET" && context.Response.StatusCode < 300)
            {
                lock (State.Gate)
                {
                    Landed.Add($"{context.Request.Method} {context.Request.Path.Value!.TrimStart('/')}");
                }
            }
            if (failAfter)
            {
                context.Response.Body = original;
                context.Response.Clear();
                await Error(HttpStatusCode.InternalServerError, "injected failure after processing").ExecuteAsync(context);
            }
        });
        MapIssues(app);
        MapComments(app);
        MapAttachments(app);
    }

    private void MapIssues(WebApplication app)
    {
        app.MapGet("/rest/api/2/myself", () => Results.Json(new JsonObject { ["accountId"] = "5b10ac8d82e05b22cc7d4ef5", ["displayName"] = "ProdStatus Bot" }));
        app.MapGet("/rest/api/2/issue/{key}", (string key) => WithIssue(key, i => Results.Json(State.IssueJson(i, BaseUri))));
        app.MapPost("/rest/api/2/issue", async (HttpRequest request) =>
        {
            var fields = (await JsonNode.ParseAsync(request.Body))?["fields"];
            string? project = fields?["project"]?["key"]?.GetValue<string>();
            string description = fields?["description"]?.GetValue<string>() ?? "";
            lock (State.Gate)
            {
                if (project is null || !State.ProjectCounters.ContainsKey(project))
                {
                    return FieldError("project", "valid project is required");
                }
                if (fields?["issuetype"]?["name"]?.GetValue<string>() is not { Length: > 0 })
                {
                    return FieldError("issuetype", "Specify an issue type");
                }
                if (description.Length > FieldLimit)
                {
                    State.ProjectCounters[project]++; // Jira burns the number anyway
                    return FieldError("description", TooLong);
                }
                string key = $"{project}-{++State.ProjectCounters[project]}";
                var issue = new FakeIssue(State.NewId(), key, project) { Summary = fields?["summary"]?.GetValue<string>() ?? "", Description = description };
                issue.Components.AddRange((fields?["components"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? ""));
                State.Issues[key] = issue;
                return Results.Json(new JsonObject { ["id"] = issue.Id, ["key"] = key, ["self"] = new Uri(BaseUri, $"rest/api/2/issue/{issue.Id}").ToString() },
                    statusCode: 201);
            }
        });
        app.MapPut("/rest/api/2/issue/{key}", async (string key, HttpRequest request) =>
        {
            var fields = (await JsonNode.ParseAsync(request.Body))?["fields"];
            return WithIssue(key, issue =>
            {
                if (fields?["description"]?.GetValue<string>() is { } d)
                {
                    if (d.Length > FieldLimit)
                    {
                        return FieldError("description", TooLong);
                    }
                    issue.Description = d;
                }
                if (fields?["summary"]?.GetValue<string>() is { } s)
                {
                    issue.Summary = s;
                }
                return Results.NoContent();
            });
        });
        app.MapGet("/rest/api/2/search/jql", (string jql, int? maxResults, string? nextPageToken) =>
        {
            if (!auth.IsCloud)
            {
                return Results.NotFound();
            }
            int start = nextPageToken is null ? 0 : int.Parse(nextPageToken, System.Globalization.CultureInfo.InvariantCulture);
            return SearchPage(jql, start, maxResults ?? 50, (page, total, end) =>
            {
                page["isLast"] = end >= total;
                if (end < total)
                {
                    page["nextPageToken"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            });
        });
        app.MapGet("/rest/api/2/search", (string jql, int? maxResults, int? startAt) => auth.IsCloud
            ? Error(HttpStatusCode.Gone, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.")
            : SearchPage(jql, startAt ?? 0, maxResults ?? 50, (page, total, _) =>
            {
                page["startAt"] = startAt ?? 0;
                page["total"] = total;
            }));
        app.MapPost("/rest/api/2/issueLink", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            string? inward = body?["inwardIssue"]?["key"]?.GetValue<string>(), outward = body?["outwardIssue"]?["key"]?.GetValue<string>();
            lock (State.Gate)
            {
                if (inward is null || outward is null || !State.Issues.ContainsKey(inward) || !State.Issues.ContainsKey(outward))
                {
                    return Error(HttpStatusCode.NotFound, "Issue does not exist or you do not have permission to see it.");
                }
                State.Links.Add(new FakeLink(State.NewId(), body?["type"]?["name"]?.GetValue<string>() ?? "", inward, outward));
                return Results.StatusCode(201);
            }
        });
    }

    private IResult SearchPage(string jql, int start, int max, Action<JsonObject, int, int> decorate)
    {
        lock (State.Gate)
        {
            List<FakeIssue> hits;
            try
            {
                hits = State.Search(jql);
            }
            catch (FormatException ex)
            {
                return Error(HttpStatusCode.BadRequest, ex.Message);
            }
            var page = hits.Skip(start).Take(max).ToList();
            var json = new JsonObject { ["issues"] = new JsonArray([.. page.Select(i => (JsonNode)new JsonObject { ["id"] = i.Id, ["key"] = i.Key })]) };
            decorate(json, hits.Count, start + page.Count);
            return Results.Json(json);
        }
    }

    internal IResult WithIssue(string key, Func<FakeIssue, IResult> action)
    {
        lock (State.Gate)
        {
            return State.Issues.TryGetValue(key, out var issue)
                ? action(issue)
                : Error(HttpStatusCode.NotFound, "Issue does not exist or you do not have permission to see it.");
        }
    }

    internal const string TooLong = "The entered text is too long. It exceeds the allowed limit of 32767 characters.";

    internal static IResult Error(HttpStatusCode status, string message) =>
        Results.Json(new JsonObject { ["errorMessages"] = new JsonArray(message), ["errors"] = new JsonObject() }, statusCode: (int)status);

    internal static IResult FieldError(string field, string message) =>
        Results.Json(new JsonObject { ["errorMessages"] = new JsonArray(), ["errors"] = new JsonObject { [field] = message } }, statusCode: 400);

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
