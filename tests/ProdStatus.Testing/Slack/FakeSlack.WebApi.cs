using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Slack;

/// <summary>
/// The Slack Web API methods the bot calls, checking the argument shapes of Slack's Web API documentation and
/// answering like Slack: HTTP 200 with <c>ok:false</c> and an error code, or 429 with <c>Retry-After</c> when
/// <c>chat.postMessage</c> exceeds one message per second in a channel or <c>chat.update</c> exceeds its Tier 3 rate.
/// A call made before an earlier 429's Retry-After has passed is counted in <see cref="RetryAfterViolations"/>.
/// </summary>
public sealed partial class FakeSlack
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPost = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new();
    private readonly ConcurrentQueue<DateTimeOffset> _updateTimes = new();
    private readonly Lock _rateLock = new();
    private long _nextTs;

    /// <summary>Every accepted <c>chat.postMessage</c> body (parents and thread replies).</summary>
    public ConcurrentQueue<JsonObject> ChannelMessages { get; } = new();

    /// <summary>Messages by <c>ts</c>, as last posted or updated.</summary>
    public ConcurrentDictionary<string, FakeSlackMessage> Messages { get; } = new();

    public ConcurrentQueue<JsonObject> Updates { get; } = new();

    public ConcurrentQueue<JsonObject> Unfurls { get; } = new();

    public ConcurrentQueue<JsonObject> Views { get; } = new();

    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();

    public ConcurrentQueue<(string FileId, string Channel, string Title, string? ThreadTs)> SharedFiles { get; } = new();

    /// <summary>The bot token's scopes, sent by every Web API answer in <c>x-oauth-scopes</c> as Slack does.</summary>
    public string Scopes { get; set; } = "commands,chat:write,files:write,links:read,links:write";

    /// <summary>chat.update calls allowed per minute before 429 (Tier 3 is "50+").</summary>
    public int UpdatesPerMinute { get; set; } = 50;

    public int RateLimited => _rateLimited;

    public int RetryAfterViolations => _violations;

    private int _rateLimited;
    private int _violations;
    private int _webRateLimitsLeft;

    /// <summary>The next <paramref name="count"/> accepted <c>chat.postMessage</c> calls are posted, then the connection is
    /// cut before the answer: the caller cannot know whether its message went out.</summary>
    public void LoseNextPostAnswers(int count) => _answersToLose = count;

    private int _answersToLose;

    /// <summary>The next <paramref name="count"/> Web API calls get 429 with <c>Retry-After: 1</c>, whatever the rate.</summary>
    public void RateLimitWebApiNext(int count) => _webRateLimitsLeft = count;

    /// <summary>Deletes a message, as a person in the channel might.</summary>
    public bool Delete(string ts) => Messages.TryRemove(ts, out _);

    /// <summary>Parent messages (not thread replies) in a channel.</summary>
    public IReadOnlyList<FakeSlackMessage> Parents(string channel) =>
        Messages.Values.Where(m => m.Channel == channel && m.ThreadTs is null).OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();

    public IReadOnlyList<FakeSlackMessage> Replies(string threadTs) =>
        Messages.Values.Where(m => m.ThreadTs == threadTs).OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();

    private void MapWebApi(WebApplication app)
    {
        app.MapPost("/api/{method}", async (HttpContext context, string method) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {BotToken}")
            {
                return Results.Json(new { ok = false, error = "invalid_auth" });
            }
            context.Response.Headers["x-oauth-scopes"] = Scopes;
            var fault = Faults.Take(method);
            if (await FaultPlan.RefuseAsync(context, fault))
            {
                return Results.Empty;
            }
            bool json = context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
            JsonObject args;
            if (json)
            {
                args = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            }
            else
            {
                var form = await context.Request.ReadFormAsync();
                args = new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value.ToString()))));
            }
            string channel = (string?)args["channel"] ?? (string?)args["channel_id"] ?? "";
            if (Limited(context, method, channel) is { } limited)
            {
                return limited;
            }
            IResult? posted = method == "chat.postMessage" && json ? PostMessage(args, channel) : null;
            if (posted is not null && Interlocked.Decrement(ref _answersToLose) >= 0)
            {
                context.Abort();
                return Results.Empty;
            }
            var result = method switch
            {
                "auth.test" => Results.Json(new { ok = true, url = "https://rubin-obs.slack.com/", team = "Rubin Observatory", user = "prodstat", team_id = "T0", user_id = "U0", bot_id = "B0" }),
                "chat.postMessage" when json => posted!,
                "chat.update" when json => Update(args, channel),
                "chat.getPermalink" => Permalink(args, channel),
                "chat.unfurl" when json => Unfurl(args),
                "views.publish" when json => Publish(args),
                "files.getUploadURLExternal" => UploadUrl(args),
                "files.completeUploadExternal" when json => CompleteUpload(args, channel),
                _ => Error("unknown_method_or_content_type"),
            };
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

    private IResult? Limited(HttpContext context, string method, string channel)
    {
        var now = TimeProvider.System.GetUtcNow();
        string key = method == "chat.update" ? method : $"{method}/{channel}";
        lock (_rateLock)
        {
            if (_blockedUntil.TryGetValue(key, out var until) && now < until - TimeSpan.FromMilliseconds(20))
            {
                Interlocked.Increment(ref _violations);
                return TooMany(context, key, until - now);
            }
            if (Interlocked.Decrement(ref _webRateLimitsLeft) >= 0)
            {
                return TooMany(context, key, TimeSpan.FromSeconds(1));
            }
            if (method == "chat.postMessage" && Channels.Contains(channel))
            {
                if (_lastPost.TryGetValue(channel, out var last) && now - last < TimeSpan.FromSeconds(1))
                {
                    return TooMany(context, key, TimeSpan.FromSeconds(1));
                }
                _lastPost[channel] = now;
            }
            if (method == "chat.update")
            {
                while (_updateTimes.TryPeek(out var t) && now - t > TimeSpan.FromMinutes(1))
                {
                    _updateTimes.TryDequeue(out _);
                }
                if (_updateTimes.Count >= UpdatesPerMinute)
                {
                    return TooMany(context, key, TimeSpan.FromSeconds(5));
                }
                _updateTimes.Enqueue(now);
            }
        }
        return null;
    }

    private IResult TooMany(HttpContext context, string key, TimeSpan retryAfter)
    {
        int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        _blockedUntil[key] = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        Interlocked.Increment(ref _rateLimited);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    private IResult PostMessage(JsonObject args, string channel)
    {
        if (!Channels.Contains(channel))
        {
            return Error("channel_not_found");
        }
        if (CheckContent(args) is { } bad)
        {
            return bad;
        }
        string? thread = (string?)args["thread_ts"];
        if (thread is not null && !Messages.TryGetValue(thread, out _))
        {
            return Error("thread_not_found");
        }
        string ts = string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref _nextTs):000000}");
        ChannelMessages.Enqueue(args);
        Messages[ts] = new FakeSlackMessage(ts, channel, thread, args);
        return Results.Json(new { ok = true, channel, ts });
    }

    private IResult Update(JsonObject args, string channel)
    {
        string ts = (string?)args["ts"] ?? "";
        if (!Messages.TryGetValue(ts, out var message) || message.Channel != channel)
        {
            return Error("message_not_found");
        }
        if (CheckContent(args) is { } bad)
        {
            return bad;
        }
        Updates.Enqueue(args);
        Messages[ts] = message with { Body = args };
        return Results.Json(new { ok = true, channel, ts });
    }

    private IResult Permalink(JsonObject args, string channel)
    {
        string ts = (string?)args["message_ts"] ?? "";
        return Messages.TryGetValue(ts, out var m) && m.Channel == channel
            ? Results.Json(new { ok = true, channel, permalink = new Uri(BaseUri, $"archives/{channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}").ToString() })
            : Error("message_not_found");
    }

    private IResult Unfurl(JsonObject args)
    {
        bool byMessage = args["channel"] is not null && args["ts"] is not null;
        bool byId = args["unfurl_id"] is not null && args["source"] is not null;
        if (!byMessage && !byId)
        {
            return Error("invalid_arguments");
        }
        if (args["unfurls"] is not JsonObject unfurls || unfurls.Count == 0 ||
            unfurls.Any(u => !Uri.IsWellFormedUriString(u.Key, UriKind.Absolute) || u.Value?["blocks"] is not JsonArray))
        {
            return Error("invalid_unfurls");
        }
        Unfurls.Enqueue(args);
        return Results.Json(new { ok = true });
    }

    private IResult Publish(JsonObject args)
    {
        if (args["user_id"] is null || args["view"] is not JsonObject view || (string?)view["type"] != "home" ||
            view["blocks"] is not JsonArray blocks || blocks.Count > 100)
        {
            return Error("invalid_arguments");
        }
        Views.Enqueue(args);
        return Results.Json(new { ok = true });
    }

    private IResult UploadUrl(JsonObject args)
    {
        if (!int.TryParse((string?)args["length"], out int length) || length <= 0 || string.IsNullOrEmpty((string?)args["filename"]))
        {
            return Error("invalid_arguments");
        }
        string id = $"F{Uploads.Count + SharedFiles.Count + 1:000}";
        Uploads[id] = [];
        return Results.Json(new { ok = true, upload_url = new Uri(BaseUri, $"upload/{id}").ToString(), file_id = id });
    }

    private IResult CompleteUpload(JsonObject args, string channel)
    {
        var file = args["files"]?[0];
        string fileId = (string?)file?["id"] ?? "";
        if (!Uploads.TryGetValue(fileId, out var bytes) || bytes.Length == 0)
        {
            return Error("file_not_found");
        }
        if (!Channels.Contains(channel))
        {
            return Error("channel_not_found");
        }
        string? thread = (string?)args["thread_ts"];
        if (thread is not null && (!Messages.TryGetValue(thread, out var parent) || parent.Channel != channel || parent.ThreadTs is not null))
        {
            return Error("invalid_thread_ts");
        }
        SharedFiles.Enqueue((fileId, channel, (string?)file?["title"] ?? "", thread));
        return Results.Json(new { ok = true, files = new[] { new { id = fileId } } });
    }

    /// <summary>A message needs <c>text</c> or <c>blocks</c>; at most 50 blocks.</summary>
    private static IResult? CheckContent(JsonObject args)
    {
        var blocks = args["blocks"] as JsonArray;
        if (string.IsNullOrEmpty((string?)args["text"]) && blocks is null)
        {
            return Error("no_text");
        }
        return blocks is { Count: > 50 } ? Error("invalid_blocks") : null;
    }

    private static IResult Error(string code) => Results.Json(new { ok = false, error = code });
}

/// <summary>A message in the fake workspace; <paramref name="ThreadTs"/> is its parent's ts for a thread reply.</summary>
public sealed record FakeSlackMessage(string Ts, string Channel, string? ThreadTs, JsonObject Body);
