using System.Net;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>The PanDA monitor answers a one-task query, and the token (configured or panda-client's cache) is valid for a while yet.</summary>
internal sealed class PandaCheck(IOptions<PandaOptions> options, IHttpClientFactory clients, TimeProvider time) : IHealthCheck
{
    /// <summary>A token expiring sooner than this fails the check: a long collection would stop halfway.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromHours(1);

    public bool AtRuntime => true;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            return [CheckResult.Skip($"PanDA monitor: not configured ({PandaOptions.Section}:BaseUrl)")];
        }
        var results = new List<CheckResult>();
        try
        {
            var token = PandaTokenSource.Resolve(o, time);
            if (token is null)
            {
                results.Add(CheckResult.Pass("PanDA token: none configured, the monitor is read anonymously"));
            }
            else if (PandaTokenSource.ReadExpiry(token.Value.Item2) is { } expiry && expiry - time.GetUtcNow() < ExpiryMargin)
            {
                results.Add(CheckResult.Fail($"PanDA token: expires at {expiry.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
                    "renew it with panda-client ('panda_auth reset', then any panda command)"));
            }
            else
            {
                results.Add(CheckResult.Pass("PanDA token: valid"));
            }
        }
        catch (UserInputException ex)
        {
            results.Add(CheckResult.Fail($"PanDA token: {ex.Message}", $"renew it with panda-client ('panda_auth reset', then any panda command) or set {PandaOptions.Section}:Token"));
            return results;
        }
        results.Add(await ProbeAsync(o.BaseUrl, cancellationToken));
        return results;
    }

    private async Task<CheckResult> ProbeAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(nameof(PandaMonitorClient));
        try
        {
            // A query that matches no task: the cheapest read the monitor serves as JSON.
            using var response = await http.GetAsync("tasks/?taskname=prodstat-doctor-probe*&days=1&json", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => CheckResult.Pass($"PanDA monitor: {baseUrl} answers"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => CheckResult.Fail(
                    $"PanDA monitor: token refused (HTTP {(int)response.StatusCode})",
                    $"renew the token with panda-client or check {PandaOptions.Section}:Token and :TokenKind"),
                _ => CheckResult.Fail($"PanDA monitor: HTTP {(int)response.StatusCode} from {baseUrl}", $"check {PandaOptions.Section}:BaseUrl"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return CheckResult.Fail($"PanDA monitor: {baseUrl} unreachable ({ex.Message})", $"check {PandaOptions.Section}:BaseUrl and the network");
        }
    }
}
