using ProdStatus.Bot;
using ProdStatus.Bot.Webhooks.Jira;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Engine;
using ProdStatus.Engine.Inbox;

var builder = WebApplication.CreateBuilder(args);
// HttpClient's request logging prints full URLs (a response_url, a Teams webhook signature): kept out, as in the CLI.
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Services.AddProdStatusEngine(builder.Configuration);
builder.Services.AddBot(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok")));
app.MapGet("/readyz", async Task<IResult> (InboxRepository inbox, IServiceProvider services, CancellationToken ct) =>
{
    if (BotReadiness.MissingSecret(services) is { } missing)
    {
        return TypedResults.Json(new HealthResponse($"{missing} is not configured"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
    try
    {
        await inbox.PingAsync(ct);
        return TypedResults.Ok(new HealthResponse("ready"));
    }
    catch (ProdStatus.Engine.Errors.UpstreamException)
    {
        return TypedResults.Json(new HealthResponse("store unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});
app.MapGroup("/slack").MapSlackCommands();
app.MapGroup("/jira").MapJiraWebhooks();
app.Run();

internal sealed record HealthResponse(string Status);

public partial class Program;
