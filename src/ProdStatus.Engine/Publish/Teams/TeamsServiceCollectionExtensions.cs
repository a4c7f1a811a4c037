using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Engine.Publish.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// The Teams webhook client: attempt timeout, retries only on 429 (honouring Retry-After up to
    /// <c>MaxRetryAfterSeconds</c>) and on connections that were never made; HttpClient's own request logging is
    /// removed because it would print the secret URL.
    /// </summary>
    public static IServiceCollection AddTeamsWebhook(this IServiceCollection services)
    {
        var client = services.AddHttpClient<TeamsWebhookClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.RemoveAllLoggers();
        client.AddResilienceHandler("teams", (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsSafeToRetry(args.Outcome, options)),
            });
            builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        });
        return services;
    }

    /// <summary>True only when the webhook certainly did not take the post.</summary>
    internal static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome, TeamsOptions options)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            var wait = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - (response.Headers.Date ?? date),
                _ => TimeSpan.Zero,
            };
            return wait <= TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        }
        return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
    }
}
