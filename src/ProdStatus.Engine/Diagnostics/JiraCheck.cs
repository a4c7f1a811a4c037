using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>Jira accepts the credentials (<c>GET rest/api/2/myself</c>) and the configured summary issues exist. Reads only.</summary>
internal sealed class JiraCheck(IOptions<JiraOptions> options, IHttpClientFactory clients) : IHealthCheck
{
    public bool AtRuntime => false;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        const string s = JiraOptions.Section;
        if (!o.HasCredentials)
        {
            return [CheckResult.Skip($"Jira: no credentials, writes go to the outbox ({s}:ApiToken or :PersonalAccessToken)")];
        }
        var http = clients.CreateClient(nameof(JiraClient));
        var results = new List<CheckResult>();
        try
        {
            using var me = await http.GetAsync($"{JiraClient.Api}myself", cancellationToken);
            if (me.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                string keys = o.IsCloud ? $"{s}:Email and {s}:ApiToken" : $"{s}:PersonalAccessToken";
                return [CheckResult.Fail($"Jira: {o.BaseUrl} refused the credentials (HTTP {(int)me.StatusCode})", $"check {keys}")];
            }
            if (me.StatusCode != HttpStatusCode.OK)
            {
                return [CheckResult.Fail($"Jira: HTTP {(int)me.StatusCode} from {o.BaseUrl}rest/api/2/myself", $"check {s}:BaseUrl")];
            }
            using var user = JsonDocument.Parse(await me.Content.ReadAsStringAsync(cancellationToken));
            string name = user.RootElement.TryGetProperty("displayName", out var n) ? n.GetString() ?? "?" : "?";
            results.Add(CheckResult.Pass($"Jira: authenticated at {o.BaseUrl} as {name}"));
            foreach (var (key, issue) in new[] { ("SummaryIssue", o.SummaryIssue), ("Step1SummaryIssue", o.Step1SummaryIssue) })
            {
                if (string.IsNullOrWhiteSpace(issue))
                {
                    continue;
                }
                using var found = await http.GetAsync($"{JiraClient.Api}issue/{Uri.EscapeDataString(issue)}?fields=summary", cancellationToken);
                results.Add(found.IsSuccessStatusCode
                    ? CheckResult.Pass($"Jira: summary issue {issue} exists")
                    : CheckResult.Fail($"Jira: summary issue {issue} not found (HTTP {(int)found.StatusCode})", $"check {s}:{key}, or the account's permission to see it"));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or JsonException)
        {
            results.Add(CheckResult.Fail($"Jira: {o.BaseUrl} unreachable ({ex.Message})", $"check {s}:BaseUrl and the network"));
        }
        return results;
    }
}
