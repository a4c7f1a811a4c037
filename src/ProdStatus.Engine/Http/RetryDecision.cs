using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace ProdStatus.Engine.Http;

/// <summary>Which failed calls of a client may be sent again.</summary>
public enum RetryMode
{
    /// <summary>Every call is a read (PanDA): any transient failure (network, timeout, 408, 429, 5xx) is retried.</summary>
    Idempotent,

    /// <summary>GET/HEAD/PUT/DELETE/OPTIONS retry transient failures; other methods (POST) only when the service
    /// refused the request (429, 503) or the connection was never made (Jira).</summary>
    ByMethod,

    /// <summary>Posts whose repetition would be visible (Teams, Slack): only 429 or a connection never made.</summary>
    NotSentOnly,
}

/// <summary>The one retry rule of every outbound client.</summary>
public static class RetryDecision
{
    /// <summary>True when <paramref name="outcome"/> may be sent again under <paramref name="mode"/>.</summary>
    /// <param name="retryAfter">The answer's Retry-After (<see cref="RetryAfter.Parse"/>); a wait longer than
    /// <paramref name="maxRetryAfter"/> is not waited for.</param>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method, RetryMode mode,
        TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        if (retryAfter > maxRetryAfter)
        {
            return false;
        }
        var status = outcome.Result?.StatusCode;
        if (status == HttpStatusCode.TooManyRequests || (status == HttpStatusCode.ServiceUnavailable && mode != RetryMode.NotSentOnly))
        {
            return true; // refused without being carried out
        }
        if (NeverSent(outcome.Exception))
        {
            return true;
        }
        if (mode == RetryMode.NotSentOnly)
        {
            return false;
        }
        bool idempotent = mode == RetryMode.Idempotent || method == HttpMethod.Get || method == HttpMethod.Head ||
            method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;
        return idempotent && (HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Exception is TimeoutRejectedException);
    }

    /// <summary>The connection was never made (refused, name not resolved): the request cannot have arrived.</summary>
    private static bool NeverSent(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
            or HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } };
}
