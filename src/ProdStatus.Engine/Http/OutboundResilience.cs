using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ProdStatus.Engine.Http;

/// <summary>How a client's answers are read.</summary>
public enum BodyReading
{
    /// <summary>The whole body is read inside the attempt, so the attempt timeout covers it and a broken body is retried
    /// like any other failure of the attempt.</summary>
    Buffered,

    /// <summary>The body is streamed after the call returns (PanDA answers of hundreds of MB); each read must deliver
    /// bytes within the attempt timeout, else it fails with an <see cref="IOException"/>.</summary>
    Streamed,
}

/// <summary>
/// The one resilience pipeline of every outbound HttpClient: total timeout, then retries (jitter, Retry-After read once
/// by <see cref="RetryAfter"/>, decided by <see cref="RetryDecision"/>), then the per-attempt timeout, which also covers
/// reading the body (<see cref="BodyReading"/>). Settings come from the service's options (a <see cref="HttpServiceOptions"/>).
/// </summary>
public static class OutboundResilience
{
    /// <param name="name">Pipeline name in metrics and logs (<c>panda</c>, <c>jira</c>, …).</param>
    /// <param name="secretUrl">The URL itself is a credential (webhooks, response_url): HttpClient's request logging,
    /// which prints it, is removed.</param>
    public static IHttpClientBuilder AddOutboundResilience<TOptions>(this IHttpClientBuilder client, string name, RetryMode mode,
        BodyReading body = BodyReading.Buffered, bool secretUrl = false)
        where TOptions : HttpServiceOptions
    {
        if (secretUrl)
        {
            client.RemoveAllLoggers();
        }
        // The pipeline below owns every deadline.
        client.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(name, (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            Configure(builder, options, mode, time);
        });
        client.AddHttpMessageHandler(sp => new BodyDeadlineHandler(body,
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TOptions>>().Value.TimeoutSeconds),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return client;
    }

    /// <summary>The strategies, outermost first (public for tests that drive the pipeline without a client).</summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder,
        HttpServiceOptions options, RetryMode mode, TimeProvider time)
    {
        var maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        builder.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                ShouldRetryAfterHeader = false,
                // Retry-After, when present and accepted by ShouldHandle, replaces the back-off.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter.Parse(r, time) : null),
                ShouldHandle = args => ValueTask.FromResult(RetryDecision.ShouldRetry(args.Outcome,
                    args.Context.GetRequestMessage()?.Method ?? args.Outcome.Result?.RequestMessage?.Method, mode,
                    args.Outcome.Result is { } r ? RetryAfter.Parse(r, time) : null, maxRetryAfter)),
            });
        }
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        return builder;
    }
}
