using ProdStatus.Bot;
using ProdStatus.Bot.Dashboard;
using ProdStatus.Bot.Slack;
using ProdStatus.Bot.Webhooks.Jira;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Engine;
using ProdStatus.Engine.Configuration.Layers;
using ProdStatus.Engine.Diagnostics;
using ProdStatus.Engine.Inbox;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddProdStatusLayers(new ConfigurationLayerSettings { ConfigFile = ConfigurationLayers.ConfigFileArgument(args) });
// HttpClient's request logging prints full URLs (a response_url, a Teams webhook signature): kept out, as in the CLI.
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Services.AddProdStatusEngine(builder.Configuration);
builder.Services.AddBot(builder.Configuration);
builder.Services.AddDashboardAccess(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseDashboardAccess();
app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok")));
app.MapGet("/readyz", async Task<IResult> (InboxRepository inbox, HealthCheckRunner checks, IServiceProvider services, CancellationToken ct) =>
{
    if (BotReadiness.MissingSecret(services) is { } missing)
    {
        return TypedResults.Json(new HealthResponse($"{missing} is not configured"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
    try
    {
        await inbox.PingAsync(ct);
        // The local checks of `prodstat doctor` (store writable, fonts, PanDA token, Teams URL); never the remote services.
        var failed = (await checks.RunAsync(runtimeOnly: true, ct)).Where(r => r.Status == CheckStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            return TypedResults.Json(new HealthResponse("not ready: " + string.Join("; ", failed.Select(f => f.What))),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Ok(new HealthResponse("ready"));
    }
    catch (ProdStatus.Engine.Errors.UpstreamException)
    {
        return TypedResults.Json(new HealthResponse("store unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});
app.MapGroup("/slack").MapSlackCommands().MapSlackInteractions().MapSlackEvents();
app.MapGroup("/jira").MapJiraWebhooks();
app.MapGroup("/campaigns").MapDashboard();
app.Run();

internal sealed record HealthResponse(string Status);

public partial class Program;
