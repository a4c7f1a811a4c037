using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ProdStatus.Bot.Slack;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Http;

namespace ProdStatus.Bot;

internal static class BotServiceCollectionExtensions
{
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section));
        services.AddOptionsWithValidateOnStart<JiraWebhookOptions>().Bind(configuration.GetSection(JiraWebhookOptions.Section));
        services.AddOptionsWithValidateOnStart<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section));
        services.AddSingleton<IValidateOptions<WorkerOptions>, BotOptionsValidator>();
        services.AddSingleton<IValidateOptions<JiraWebhookOptions>, BotOptionsValidator>();
        services.AddSingleton<IValidateOptions<SlackOptions>, BotOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        // OpenTelemetry: the bot's meter plus ASP.NET Core and HttpClient metrics; exported over OTLP when the
        // standard OTEL_EXPORTER_OTLP_ENDPOINT is set (no exporter otherwise).
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(BotMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                metrics.AddOtlpExporter();
            }
        });
        services.AddTransient<DrpActions>();
        services.AddTransient<JobProcessor>();
        services.AddTransient<CampaignStatsRunner>();
        services.AddSlackLive();
        services.AddTransient<CampaignRefresh>();
        services.AddTransient<IJobHandler, SlackCommandHandler>();
        services.AddTransient<IJobHandler, JiraTransitionHandler>();
        services.AddTransient<IJobHandler, Dashboard.DashboardRefreshHandler>();
        services.AddHostedService<InboxWorker>();

        // Watches: alerts to Slack (thread replies once a live-message locator is registered), their buttons, the schedulers.
        services.AddSingleton<Watch.ILiveMessageLocator, Watch.LiveMessageThreads>();
        services.AddSingleton<ProdStatus.Engine.Watch.IAlertPoster, Watch.SlackAlertPoster>();
        services.AddTransient<Watch.AlertActions>();
        services.AddSlackAction<Watch.WatchButtonHandler>(LiveBlocks.Watch);
        foreach (string button in (string[])[Watch.SlackAlertPoster.Snooze1h, Watch.SlackAlertPoster.Snooze1d, Watch.SlackAlertPoster.SnoozeState, Watch.SlackAlertPoster.Ack])
        {
            services.AddSlackAction<Watch.AlertButtonHandler>(button);
        }
        services.AddTransient<Watch.WatchCommands>();
        services.AddHostedService<ProdStatus.Engine.Watch.WatchScheduler>();
        services.AddHostedService<ProdStatus.Engine.Watch.DigestScheduler>();

        // response_url posts are not idempotent and the URL is a capability: the Slack settings, retried only after a
        // 429 or a connection never made, never logged.
        services.AddHttpClient<SlackResponder>()
            .AddOutboundResilience<Engine.Publish.Slack.SlackWebOptions>("slack-response", RetryMode.NotSentOnly, secretUrl: true);
        return services;
    }
}
