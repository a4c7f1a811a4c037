using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Publish.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// The Teams webhook client on the outbound pipeline: retries only when the post certainly was not taken (429 with
    /// an acceptable Retry-After, or a connection never made); HttpClient's own request logging is removed because it
    /// would print the secret URL.
    /// </summary>
    public static IServiceCollection AddTeamsWebhook(this IServiceCollection services)
    {
        services.AddHttpClient<TeamsWebhookClient>()
            .AddOutboundResilience<TeamsOptions>("teams", RetryMode.NotSentOnly, secretUrl: true);
        return services;
    }
}
