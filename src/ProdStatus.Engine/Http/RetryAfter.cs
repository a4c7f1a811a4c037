namespace ProdStatus.Engine.Http;

/// <summary>The one reader of the <c>Retry-After</c> header.</summary>
public static class RetryAfter
{
    /// <summary>
    /// How long the answer asks to wait: the delta form as is; the HTTP-date form measured from the answer's own
    /// <c>Date</c> header, or from <paramref name="time"/>'s now when it has none. Never negative; null without the header.
    /// </summary>
    public static TimeSpan? Parse(HttpResponseMessage response, TimeProvider time)
    {
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (response.Headers.Date ?? time.GetUtcNow()),
            _ => (TimeSpan?)null,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
