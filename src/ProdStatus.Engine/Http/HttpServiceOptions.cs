namespace ProdStatus.Engine.Http;

/// <summary>
/// The resilience settings every outbound service shares (PanDA, Jira, Teams, Slack), bound from the service's own
/// section (<c>ProdStatus:Jira:TimeoutSeconds</c>, …). Each service sets its own defaults in its constructor.
/// </summary>
public abstract class HttpServiceOptions
{
    /// <summary>Time allowed for one attempt, reading the whole answer included (for streamed PanDA answers: the
    /// longest wait for the next bytes).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Time allowed for a call with all its retries and waits. <value>Default: per service.</value></summary>
    public int TotalTimeoutSeconds { get; set; } = 600;

    /// <summary>Retries of a call that failed in a way that is safe to repeat (see <see cref="RetryMode"/>).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay when the service sends no Retry-After; doubles per retry, with jitter.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>A Retry-After asking to wait longer than this fails at once instead of waiting.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 120;

    /// <summary>Range checks of the settings above, messages naming the key (<c>ProdStatus:Jira:MaxRetries</c>).</summary>
    public void CheckResilience(List<string> errors, string section, int maxTimeoutSeconds = 600)
    {
        Configuration.OptionChecks.Range(errors, $"{section}:TimeoutSeconds", TimeoutSeconds, 1, maxTimeoutSeconds);
        Configuration.OptionChecks.Range(errors, $"{section}:TotalTimeoutSeconds", TotalTimeoutSeconds, Math.Max(TimeoutSeconds, 1), 86_400);
        Configuration.OptionChecks.Range(errors, $"{section}:MaxRetries", MaxRetries, 0, 10);
        Configuration.OptionChecks.Range(errors, $"{section}:RetryDelayMilliseconds", RetryDelayMilliseconds, 0, 60_000);
        Configuration.OptionChecks.Range(errors, $"{section}:MaxRetryAfterSeconds", MaxRetryAfterSeconds, 0, 3600);
    }
}
