using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Reports;

/// <summary>
/// A Teams Workflows trigger on loopback: answers each POST with the next planned reply (default 202 Accepted).
/// <see cref="WebhookUrl"/> carries a <c>sig</c> like the real ones, so tests can check it never leaks.
/// </summary>
public sealed class FakeTeamsWebhook : LoopbackServer
{
    public const string Signature = "SECRETsig0123456789";
    private const string Route = "/workflows/0a1b2c/triggers/manual/paths/invoke";

    private readonly ConcurrentQueue<Reply> _replies = new();

    /// <summary>Faults (route <c>teams</c>) for requests without a planned reply; see <see cref="FaultPlan"/>.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Bodies of the posts the webhook took (processed), whatever the answer.</summary>
    public ConcurrentQueue<string> Accepted { get; } = new();

    public string WebhookUrl => new Uri(BaseUri, $"{Route.TrimStart('/')}?api-version=1&sig={Signature}").AbsoluteUri;

    /// <summary>Plans the next reply; <paramref name="delay"/> holds the answer back (for timeouts).</summary>
    public FakeTeamsWebhook Then(int status, string? retryAfter = null, TimeSpan? delay = null, string body = "")
    {
        _replies.Enqueue(new Reply(status, retryAfter, delay ?? TimeSpan.Zero, body));
        return this;
    }

    protected override void MapRoutes(WebApplication app) =>
        app.MapPost(Route, async (HttpContext context) =>
        {
            if (!_replies.TryDequeue(out var reply))
            {
                var fault = Faults.Take("teams");
                if (await FaultPlan.RefuseAsync(context, fault))
                {
                    return;
                }
                Accepted.Enqueue(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
                if (!await Faults.BreakAnswerAsync(context, fault))
                {
                    context.Response.StatusCode = StatusCodes.Status202Accepted;
                }
                return;
            }
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds;
            }
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        });

    private sealed record Reply(int Status, string? RetryAfter, TimeSpan Delay, string Body);
}
