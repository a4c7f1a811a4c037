using System.Net;
using Microsoft.AspNetCore.Http;

namespace ProdStatus.Testing.Jira;

/// <summary>
/// Faults on demand. Refusals (429 with Retry-After, 503) happen before a request is processed, as Jira's rate limiter
/// does; failures "after processing" carry the request out and then answer 500, the ambiguous case.
/// </summary>
public sealed class FakeJiraFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<(HttpStatusCode Status, string? Method)> _before = new();
    private readonly Queue<string?> _after = new();
    private Random _random = new(4);

    /// <summary>Share of requests refused with 429 or 503 (seeded, so a run is repeatable).</summary>
    public double RefusalRate { get; set; }

    public int RetryAfterSeconds { get; set; }

    /// <summary>How long each of the next <see cref="SlowRequests"/> requests waits before it is answered.</summary>
    public TimeSpan SlowDelay { get; set; }

    public int SlowRequests { get; set; }

    public int Refused => RefusedRequests.Count;

    /// <summary>Method and path of every refused request.</summary>
    public List<string> RefusedRequests { get; } = [];

    public void Seed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>The next request (of <paramref name="method"/>, if given) is refused with <paramref name="status"/>.</summary>
    public void RefuseNext(HttpStatusCode status, int count = 1, string? method = null)
    {
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                _before.Enqueue((status, method));
            }
        }
    }

    /// <summary>The next request (of <paramref name="method"/>) is carried out, then answered with 500.</summary>
    public void FailAfterProcessing(string? method = null)
    {
        lock (_gate)
        {
            _after.Enqueue(method);
        }
    }

    internal bool TakeAfterProcessing(string method)
    {
        lock (_gate)
        {
            if (_after.TryPeek(out string? wanted) && (wanted is null || wanted == method))
            {
                _after.Dequeue();
                return true;
            }
            return false;
        }
    }

    /// <summary>Delays and refusals; true when the request was answered here.</summary>
    internal async Task<bool> BeforeAsync(HttpContext context)
    {
        TimeSpan delay = TimeSpan.Zero;
        HttpStatusCode? refuse = null;
        lock (_gate)
        {
            if (SlowRequests > 0)
            {
                SlowRequests--;
                delay = SlowDelay;
            }
            if (_before.TryPeek(out var next) && (next.Method is null || next.Method == context.Request.Method))
            {
                refuse = _before.Dequeue().Status;
            }
            else if (RefusalRate > 0 && _random.NextDouble() < RefusalRate)
            {
                refuse = _random.Next(2) == 0 ? HttpStatusCode.TooManyRequests : HttpStatusCode.ServiceUnavailable;
            }
            if (refuse is not null)
            {
                RefusedRequests.Add($"{context.Request.Method} {context.Request.Path}");
            }
        }
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        if (refuse is not { } status)
        {
            return false;
        }
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await FakeJiraServer.Error(status, status == HttpStatusCode.TooManyRequests ? "Rate limit exceeded." : "Service unavailable.").ExecuteAsync(context);
        return true;
    }
}

/// <summary>Which credentials the fake accepts: Cloud Basic email:token, or Data Center Bearer PAT.</summary>
public sealed record FakeJiraAuth(bool IsCloud, string User, string Secret)
{
    public static FakeJiraAuth Cloud(string email = "bot@example.org", string token = "cloud-token") => new(true, email, token);

    public static FakeJiraAuth DataCenter(string pat = "dc-pat") => new(false, "", pat);

    public bool Accepts(string authorization) => IsCloud
        ? authorization == "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Secret}"))
        : authorization == "Bearer " + Secret;
}
