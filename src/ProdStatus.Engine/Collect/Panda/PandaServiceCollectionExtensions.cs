using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Collect.Panda;

public static class PandaServiceCollectionExtensions
{
    /// <summary>
    /// The PanDA monitor client: per-attempt timeout, exponential back-off with jitter on 5xx/408/429/network errors,
    /// Retry-After honoured (and a 429 asking for longer than <c>MaxRetryAfterSeconds</c> fails at once). Every call is a GET.
    /// </summary>
    public static IServiceCollection AddPandaCollector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<PandaOptions>().Bind(configuration.GetSection(PandaOptions.Section));
        services.AddSingleton<IValidateOptions<PandaOptions>, PandaOptionsValidator>();
        services.AddSingleton<HttpTransport>();
        services.AddSingleton<RequestCounter>();
        // One limit per process for the monitor, shared by every refresh (the bot runs several at once).
        services.AddKeyedSingleton(PandaMonitorClient.Service, (sp, _) =>
        {
            int max = sp.GetRequiredService<IOptions<PandaOptions>>().Value.MaxConcurrency;
            return new AdaptiveConcurrency(max, max);
        });
        services.AddSingleton<PandaTokenSource>();
        services.AddTransient<PandaAuthHandler>();
        services.AddTransient<RequestCountingHandler>();
        services.AddTransient<RecordingHandler>();
        services.AddTransient<CampaignSelection>();
        services.AddTransient<PandaStatService>();
        services.AddTransient<Jobs.PandaStatJob>();

        var client = services.AddHttpClient<PandaMonitorClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<PandaOptions>>().Value;
                var transport = sp.GetRequiredService<HttpTransport>();
                string baseUrl = options.BaseUrl is { Length: > 0 } url ? url
                    : transport.ReplayFolder is not null || transport.InProcess is not null ? "http://replay.invalid/"
                    : throw new Errors.UserInputException(
                        $"{PandaOptions.Section}:BaseUrl is not set: set ProdStatus__Panda__BaseUrl to the monitor (or use --replay DIR)");
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            });
        client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<HttpTransport>()
                .CreatePrimaryHandler(sp.GetRequiredService<IOptions<PandaOptions>>().Value.CaCertificateFile));
        client.AddOutboundResilience<PandaOptions>("panda", RetryMode.Idempotent, BodyReading.Streamed);
        // Inside the retry loop: each attempt is counted, reported to the concurrency limit, authenticated and (in
        // --record mode) recorded.
        client.AddHttpMessageHandler<RequestCountingHandler>()
            .AddHttpMessageHandler(sp => new ConcurrencySignalHandler(sp.GetRequiredKeyedService<AdaptiveConcurrency>(PandaMonitorClient.Service)))
            .AddHttpMessageHandler<PandaAuthHandler>()
            .AddHttpMessageHandler<RecordingHandler>();
        return services;
    }
}
