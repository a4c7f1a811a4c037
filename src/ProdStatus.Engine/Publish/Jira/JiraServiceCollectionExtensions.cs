using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Publish.Jira.Outbox;

namespace ProdStatus.Engine.Publish.Jira;

public static class JiraServiceCollectionExtensions
{
    /// <summary>
    /// The Jira client and the DRP jobs. Retries (exponential, jitter, Retry-After honoured) cover 429 and 503 for every
    /// call, and timeouts, resets and other 5xx only for GET/PUT/DELETE: a POST that may have landed is never sent twice.
    /// </summary>
    public static IServiceCollection AddJira(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<JiraOptions>().Bind(configuration.GetSection(JiraOptions.Section));
        services.AddSingleton<IValidateOptions<JiraOptions>, JiraOptionsValidator>();
        services.AddTransient<JiraAuthHandler>();
        services.AddSingleton<JiraConnection>();
        services.AddSingleton<IssueLocks>();
        services.AddTransient<JiraPublisher>();
        services.AddSingleton<SummaryRepository>();
        services.AddTransient<UpdateIssueJob>();
        services.AddTransient<SummaryJob>();
        services.AddTransient<MapDrpStepsJob>();
        services.AddTransient<ReportToJiraJob>();
        services.AddTransient<UpdateStatJob>();

        var client = services.AddHttpClient<JiraClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<JiraOptions>>().Value;
            string url = options.BaseUrl is { Length: > 0 } b ? b : "http://jira.invalid/";
            http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // per attempt, below
        });
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        client.AddResilienceHandler("jira", (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<JiraOptions>>().Value;
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Context, options)),
            });
            builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        });
        client.AddHttpMessageHandler<JiraAuthHandler>();
        return services;
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, JiraOptions options)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } refused)
        {
            // Jira refused the request without carrying it out: safe to send again, after the wait it asks for.
            var wait = refused.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - (refused.Headers.Date ?? date),
                _ => TimeSpan.Zero,
            };
            return wait <= TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        }
        if (outcome.Exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } })
        {
            return true; // never reached Jira
        }
        var method = context.GetRequestMessage()?.Method ?? outcome.Result?.RequestMessage?.Method;
        bool idempotent = method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head;
        return idempotent && (HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Exception is TimeoutRejectedException);
    }
}

/// <summary>Adds the configured credentials to each attempt: Basic email:token (Cloud) or Bearer PAT (Data Center).</summary>
internal sealed class JiraAuthHandler(IOptions<JiraOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        request.Headers.Authorization = o.IsCloud
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Email}:{o.ApiToken}")))
            : o.PersonalAccessToken is { Length: > 0 } pat ? new AuthenticationHeaderValue("Bearer", pat) : null;
        return base.SendAsync(request, cancellationToken);
    }
}
