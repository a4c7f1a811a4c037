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
    private const int MaxBody = 64 * 1024;

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
        if (options.Value.SigningSecret is not { Length: > 0 } secret)
        {
            Log.NotConfigured(logger);
            metrics.Request("slack", "not-configured");
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        byte[]? body = await RawBody.ReadAsync(context.Request, MaxBody, context.RequestAborted);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var verdict = SlackSignature.Verify(secret, context.Request.Headers["X-Slack-Request-Timestamp"],
            context.Request.Headers["X-Slack-Signature"], body, time.GetUtcNow());
        if (verdict != SlackSignatureResult.Valid)
        {
            Log.Rejected(logger, verdict);
            metrics.Request("slack", "unauthorized");
            return TypedResults.Unauthorized();
        }
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : "";
        if (Field("ssl_check") == "1")
        {
            return TypedResults.Ok();
        }
        if (!Allowed(options.Value, Field("team_id"), Field("channel_id"), Field("user_id")))
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
        var job = new SlackCommandJob(command.Verb, command.Issue, Field("response_url"), Field("channel_id"), Field("user_id"), Field("team_id"));
        string dedup = "slack:" + Convert.ToHexStringLower(SHA256.HashData(body));
        await inbox.EnqueueAsync(InboxKinds.SlackCommand, dedup, command.Issue ?? command.Verb,
            JsonSerializer.Serialize(job, BotJson.Default.SlackCommandJob), TimeSpan.Zero, context.RequestAborted);
        metrics.Request("slack", "accepted");
        string what = command.Issue is null ? command.Verb : $"{command.Verb} {command.Issue}";
        return TypedResults.Ok(SlackReply.Ephemeral($"Working on `{what}` — the answer will be posted here."));
    }

    private static bool Allowed(SlackOptions o, string team, string channel, string user) =>
        (o.AllowedTeams.Count == 0 || o.AllowedTeams.Contains(team)) &&
        (o.AllowedChannels.Count == 0 || o.AllowedChannels.Contains(channel)) &&
        (o.AllowedUsers.Count == 0 || o.AllowedUsers.Contains(user));

    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Warning, "Slack request rejected: {Verdict}")]
        public static partial void Rejected(ILogger logger, SlackSignatureResult verdict);

        [LoggerMessage(102, LogLevel.Error, "Slack request refused: ProdStatus:Slack:SigningSecret is not configured")]
        public static partial void NotConfigured(ILogger logger);
    }
}

/// <summary>An immediate answer to a slash command.</summary>
public sealed record SlackReply(
    [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType,
    [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text)
{
    public static SlackReply Ephemeral(string text) => new("ephemeral", text);
}
