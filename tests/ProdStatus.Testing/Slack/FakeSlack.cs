using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Slack;

/// <summary>
/// Slack on loopback: the <c>response_url</c> side (JSON posts at <c>/commands/…</c>, at most 5 per URL, optionally
/// 429 first) and the Web API the bot uses (<c>/api/{method}</c>, see FakeSlack.WebApi.cs). <see cref="Faults"/>
/// injects failures per route (<c>response_url</c>, <c>chat.postMessage</c>, …): 503 and 429 before processing, a hang
/// or a connection closed mid-answer after it (the post landed; the client cannot know).
/// </summary>
public sealed partial class FakeSlack : LoopbackServer
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

    public string ApiBaseUrl => new Uri(BaseUri, "api/").ToString();

    protected override void MapRoutes(WebApplication app)
    {
        MapResponseUrl(app);
        MapWebApi(app);
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
