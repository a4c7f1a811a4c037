using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ProdStatus.Engine.Publish.Slack;

public static class SlackServiceCollectionExtensions
{
    public static IServiceCollection AddSlackWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<SlackWebOptions>().Bind(configuration.GetSection(SlackWebOptions.Section));
        services.AddSingleton<IValidateOptions<SlackWebOptions>, SlackWebOptionsValidator>();
        services.AddSingleton<SlackPacing>();
        services.AddSingleton<LiveMessageRepository>();
        services.AddHttpClient<SlackWebClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<SlackWebOptions>>().Value;
                if (o.ApiBaseUrl is { Length: > 0 } url)
                {
                    http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
                }
                if (o.BotToken is { Length: > 0 } token)
                {
                    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                }
                http.Timeout = TimeSpan.FromSeconds(60);
            })
            .AddResilienceHandler("slack-web", builder => builder
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 4,
                    ShouldRetryAfterHeader = true,
                    Delay = TimeSpan.FromSeconds(1),
                    BackoffType = DelayBackoffType.Exponential,
                    // Posting twice posts twice: only Slack's explicit "slow down" is retried.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                })
                .AddTimeout(TimeSpan.FromSeconds(30)));
        return services;
    }
}
