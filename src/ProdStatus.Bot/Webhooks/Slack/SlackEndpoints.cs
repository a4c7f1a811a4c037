using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Webhooks.Slack;

/// <summary>
/// <c>POST /slack/commands</c>: read the raw body once, verify the signature, and only then parse; accepted
/// commands are committed to the inbox and acknowledged with an ephemeral message well inside Slack's 3 s.
/// </summary>
public static partial class SlackEndpoints
{
    public static RouteGroupBuilder MapSlackCommands(this RouteGroupBuilder group)
    {
        group.MapPost("/commands", HandleAsync).DisableAntiforgery();
        return group;
    }

    private static async Task<Results<Ok<SlackReply>, Ok, UnauthorizedHttpResult, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, IOptions<SlackOptions> options, InboxRepository inbox, TimeProvider time, BotMetrics metrics,
        ILoggerFactory loggers, Watch.WatchCommands watches)
    {
        var logger = loggers.CreateLogger("ProdStatus.Bot.Slack");
        var (verdict, body) = await SlackVerifiedRequest.ReadAsync(context, options.Value, time, metrics, logger);
        if (SlackVerifiedRequest.Refusal(verdict) is { } refusal)
        {
            return refusal;
        }
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : "";
        if (Field("ssl_check") == "1")
        {
            return TypedResults.Ok();
        }
        if (!SlackVerifiedRequest.Allowed(options.Value, Field("team_id"), Field("channel_id"), Field("user_id")))
        {
            metrics.Request("slack", "forbidden");
            return TypedResults.Ok(SlackReply.Ephemeral("Sorry, prodstat is not enabled for you in this channel."));
        }
        var command = SlashCommand.Parse(Field("text"));
        if (command is null || command.Verb == SlashCommand.Help)
        {
            metrics.Request("slack", "help");
            return TypedResults.Ok(SlackReply.Ephemeral(SlashCommand.HelpText));
        }
        if (Watch.WatchCommands.Handles(command))
        {
            // Subscriptions only touch the store: answered at once, nothing queued.
            metrics.Request("slack", "watch");
            return TypedResults.Ok(SlackReply.Ephemeral(await watches.RunAsync(command, Field("channel_id"), Field("user_id"), context.RequestAborted)));
        }
        if (SlackResponder.Check(Field("response_url"), options.Value) is { } refused)
        {
            Log.ResponseUrlRefused(logger, refused);
            metrics.Request("slack", "refused");
            return TypedResults.Ok(SlackReply.Ephemeral("Sorry, prodstat cannot answer this workspace: its response_url is not allowed here."));
        }
        var job = new SlackCommandJob(command.Verb, command.Issue, Field("response_url"), Field("channel_id"), Field("user_id"), Field("team_id"));
        string dedup = "slack:" + Convert.ToHexStringLower(SHA256.HashData(body));
        bool added = await inbox.EnqueueAsync(InboxKinds.SlackCommand, dedup, command.Issue ?? command.Verb,
            JsonSerializer.Serialize(job, BotJson.Default.SlackCommandJob), TimeSpan.Zero, context.RequestAborted);
        if (!added)
        {
            // A retry of a request already accepted: the same acknowledgement, and Slack is asked not to retry again.
            context.Response.Headers["X-Slack-No-Retry"] = "1";
        }
        metrics.Request("slack", added ? "accepted" : "duplicate");
        string what = command.Issue is null ? command.Verb : $"{command.Verb} {command.Issue}";
        return TypedResults.Ok(SlackReply.Ephemeral($"Working on `{what}` — the answer will be posted here."));
    }

    private static partial class Log
    {
        [LoggerMessage(103, LogLevel.Warning, "Slack command refused: {Reason}")]
        public static partial void ResponseUrlRefused(ILogger logger, string reason);
    }
}

/// <summary>An immediate answer to a slash command.</summary>
public sealed record SlackReply(
    [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType,
    [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text)
{
    public static SlackReply Ephemeral(string text) => new("ephemeral", text);
}
