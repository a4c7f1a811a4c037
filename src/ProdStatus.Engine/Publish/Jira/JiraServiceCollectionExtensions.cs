using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Http;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Publish.Jira.Outbox;

namespace ProdStatus.Engine.Publish.Jira;

public static class JiraServiceCollectionExtensions
{
    /// <summary>
    /// The Jira client and the DRP jobs. The outbound pipeline (<see cref="RetryMode.ByMethod"/>) retries 429, 503 and
    /// connections never made for every call, and timeouts, resets and other 5xx only for GET/PUT/DELETE: a POST that
    /// may have landed is never sent twice.
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
        });
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        client.AddOutboundResilience<JiraOptions>("jira", RetryMode.ByMethod);
        client.AddHttpMessageHandler<JiraAuthHandler>();
        return services;
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
