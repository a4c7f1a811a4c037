using System.Net;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>The PanDA token (configured, or panda-client's cache) is valid for a while yet. Local: the bot's /readyz runs it too.</summary>
internal sealed class PandaTokenCheck(IOptions<PandaOptions> options, TimeProvider time) : IHealthCheck
{
    /// <summary>A token expiring sooner than this fails the check: a long collection would stop halfway.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromHours(1);

    public bool AtRuntime => true;

    public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            return Task.FromResult<IReadOnlyList<CheckResult>>([CheckResult.Skip($"PanDA monitor: not configured ({PandaOptions.Section}:BaseUrl)")]);
        }
        CheckResult result;
        try
        {
            var token = PandaTokenSource.Resolve(o, time);
            if (token is null)
            {
                result = CheckResult.Pass("PanDA token: none configured, the monitor is read anonymously");
            }
            else if (PandaTokenSource.ReadExpiry(token.Value.Item2) is { } expiry && expiry - time.GetUtcNow() < ExpiryMargin)
            {
                result = CheckResult.Fail($"PanDA token: expires at {expiry.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
                    "renew it with panda-client ('panda_auth reset', then any panda command)");
            }
            else
            {
                result = CheckResult.Pass("PanDA token: valid");
            }
        }
        catch (UserInputException ex)
        {
            result = CheckResult.Fail($"PanDA token: {ex.Message.Split("; renew", 2)[0]}",
                $"renew it with panda-client ('panda_auth reset', then any panda command) or set {PandaOptions.Section}:Token");
        }
        return Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}

/// <summary>The PanDA monitor answers a query that matches no task (a read; not at runtime: an outage must not take the bot out of service).</summary>
internal sealed class PandaMonitorCheck(IOptions<PandaOptions> options, PandaTokenSource tokens, IHttpClientFactory clients) : IHealthCheck
{
    public bool AtRuntime => false;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        string? baseUrl = options.Value.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return [];
        }
        try
        {
            _ = tokens.AuthorizationHeader;
        }
        catch (UserInputException)
        {
            return []; // the token check has said why
        }
        return [await ProbeAsync(baseUrl, cancellationToken)];
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
