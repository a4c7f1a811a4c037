using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Http;

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
            })
            // Posting twice posts twice: only Slack's explicit "slow down" and connections never made are retried.
            .AddOutboundResilience<SlackWebOptions>("slack-web", RetryMode.NotSentOnly);
        return services;
    }
}
