using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Polly;
using ProdStatus.Bot.Telemetry;
using ProdStatus.Bot.Worker;

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
        services.AddHostedService<InboxWorker>();

        // Watches: alerts to Slack (thread replies once a live-message locator is registered), their buttons, the schedulers.
        services.TryAddSingleton<Watch.ILiveMessageLocator, Watch.NoLiveMessages>();
        services.TryAddSingleton<ProdStatus.Engine.Watch.IAlertPoster, Watch.SlackAlertPoster>();
        services.AddTransient<Watch.AlertActions>();
        services.AddTransient<Watch.WatchCommands>();
        services.AddHostedService<ProdStatus.Engine.Watch.WatchScheduler>();
        services.AddHostedService<ProdStatus.Engine.Watch.DigestScheduler>();

        // response_url posts are not idempotent: retried only when Slack says 429 (Retry-After honoured).
        services.AddHttpClient<SlackResponder>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .AddResilienceHandler("slack-response", builder => builder
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    ShouldRetryAfterHeader = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests),
                })
                .AddTimeout(TimeSpan.FromSeconds(10)));
        return services;
    }
}
