using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Slack;

/// <summary>
/// Slack's side of <c>response_url</c> (JSON posts at <c>/commands/…</c>, at most 5 per URL) and of the Web API the bot
/// uses. <see cref="Faults"/> injects failures per route (<c>response_url</c>, <c>chat.postMessage</c>, …): 503 and
/// 429 before processing, a hang or a connection closed mid-answer after it (the post landed; the client cannot know).
/// </summary>
public sealed class FakeSlack : LoopbackServer
{
    private readonly ConcurrentDictionary<string, int> _postsPerUrl = new();
    private int _rateLimitsLeft;

    public ConcurrentQueue<(string Path, JsonObject Message)> Posts { get; } = new();

    public void RateLimitNext(int count) => _rateLimitsLeft = count;

    public FaultPlan Faults { get; } = new();

    /// <summary>Route name of the response_url in <see cref="Faults"/>.</summary>
    public const string ResponseUrlRoute = "response_url";

    public string ResponseUrl(string id = "T1/2/abc") => new Uri(BaseUri, $"commands/{id}").ToString();

    /// <summary>The bot token the Web API accepts, and the channels that exist.</summary>
    public string BotToken { get; set; } = "xoxb-test";

    public HashSet<string> Channels { get; } = ["C0PROD"];

    public ConcurrentQueue<JsonObject> ChannelMessages { get; } = new();

    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();

    public ConcurrentQueue<(string FileId, string Channel, string Title)> SharedFiles { get; } = new();

    public string ApiBaseUrl => new Uri(BaseUri, "api/").ToString();

    protected override void MapRoutes(WebApplication app)
    {
        MapResponseUrl(app);
        MapWebApi(app);
    }

    private void MapWebApi(WebApplication app)
    {
        app.MapPost("/api/{method}", async (HttpContext context, string method) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {BotToken}")
            {
                return Results.Json(new { ok = false, error = "invalid_auth" });
            }
            var fault = Faults.Take(method);
            if (await FaultPlan.RefuseAsync(context, fault))
            {
                return Results.Empty;
            }
            var result = await WebApiAsync(context, method);
            return await Faults.BreakAnswerAsync(context, fault) ? Results.Empty : result;
        });
        app.MapPost("/upload/{id}", async (HttpContext context, string id) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            Uploads[id] = buffer.ToArray();
            return Results.Ok();
        });
    }

    private async Task<IResult> WebApiAsync(HttpContext context, string method)
    {
        switch (method)
        {
            case "chat.postMessage":
                var message = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
                if (!Channels.Contains((string?)message["channel"] ?? ""))
                {
                    return Results.Json(new { ok = false, error = "channel_not_found" });
                }
                ChannelMessages.Enqueue(message);
                return Results.Json(new { ok = true, ts = $"1700000000.{ChannelMessages.Count:000000}" });
            case "files.getUploadURLExternal":
                var form = await context.Request.ReadFormAsync();
                if (!int.TryParse(form["length"], out int length) || length <= 0 || string.IsNullOrEmpty(form["filename"]))
                {
                    return Results.Json(new { ok = false, error = "invalid_arguments" });
                }
                string id = $"F{Uploads.Count + SharedFiles.Count + 1:000}";
                Uploads[id] = [];
                return Results.Json(new { ok = true, upload_url = new Uri(BaseUri, $"upload/{id}").ToString(), file_id = id });
            case "files.completeUploadExternal":
                var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
                string channel = (string?)body["channel_id"] ?? "";
                var file = body["files"]![0]!;
                string fileId = (string?)file["id"] ?? "";
                if (!Uploads.TryGetValue(fileId, out var bytes) || bytes.Length == 0)
                {
                    return Results.Json(new { ok = false, error = "file_not_found" });
                }
                if (!Channels.Contains(channel))
                {
                    return Results.Json(new { ok = false, error = "channel_not_found" });
                }
                SharedFiles.Enqueue((fileId, channel, (string?)file["title"] ?? ""));
                return Results.Json(new { ok = true, files = new[] { new { id = fileId } } });
            default:
                return Results.Json(new { ok = false, error = "unknown_method" });
        }
    }

    private void MapResponseUrl(WebApplication app) => app.MapPost("/commands/{**rest}", async (HttpContext context) =>
    {
        if (Interlocked.Decrement(ref _rateLimitsLeft) >= 0)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            return;
        }
        var fault = Faults.Take(ResponseUrlRoute);
        if (await FaultPlan.RefuseAsync(context, fault))
        {
            return;
        }
        string path = context.Request.Path;
        if (_postsPerUrl.AddOrUpdate(path, 1, (_, n) => n + 1) > 5)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("used_url");
            return;
        }
        var message = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        Posts.Enqueue((path, message));
        if (!await Faults.BreakAnswerAsync(context, fault, "text/plain"))
        {
            await context.Response.WriteAsync("ok");
        }
    });
}
