using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Configuration;

/// <summary>
/// Delivery of Adaptive Cards to a Teams Workflows webhook. Section <c>ProdStatus:Teams</c>. Resilience defaults:
/// attempt 30 s (1–300), total 300 s, 3 retries (only after a 429 or a connection never made: a post is never sent
/// twice), back-off from 1000 ms, Retry-After up to 120 s.
/// </summary>
public sealed class TeamsOptions : HttpServiceOptions
{
    public const string Section = "ProdStatus:Teams";

    public TeamsOptions()
    {
        TimeoutSeconds = 30;
        TotalTimeoutSeconds = 300;
        MaxRetries = 3;
        RetryDelayMilliseconds = 1000;
        MaxRetryAfterSeconds = 120;
    }

    /// <summary>Secret: the Workflows trigger URL (its <c>sig=</c> query authorises the post). Never logged.</summary>
    public string? WebhookUrl { get; set; }
}
