using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ProdStatus.Testing.Server;

/// <summary>Faults a loopback fake can inject, the way real services fail.</summary>
public enum Fault
{
    /// <summary>503 before processing: nothing happened.</summary>
    ServiceUnavailable,

    /// <summary>429 with <c>Retry-After: 1</c> before processing: nothing happened.</summary>
    RateLimited,

    /// <summary>Processed, then no answer at all (until the client gives up): the outcome is unknown to the client.</summary>
    Hang,

    /// <summary>Processed, then the answer's headers and half its body, then the connection is closed.</summary>
    CloseMidBody,
}

/// <summary>
/// Planned faults per route of a fake (<c>FaultNext("chat.postMessage", Fault.Hang)</c>), or a seeded random share of
/// requests (<see cref="RandomRate"/>) for chaos runs. Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _planned = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Random _random = new(11);

    /// <summary>Share of requests that get a random fault (0 = none).</summary>
    public double RandomRate { get; set; }

    /// <summary>How long a hang lasts at most (the client normally gives up first).</summary>
    public TimeSpan HangLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Every fault injected, as <c>route:fault</c>.</summary>
    public ConcurrentQueue<string> Injected { get; } = new();

    public void Seed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    public FaultPlan FaultNext(string route, Fault fault, int count = 1)
    {
        var queue = _planned.GetOrAdd(route, _ => new ConcurrentQueue<Fault>());
        for (int i = 0; i < count; i++)
        {
            queue.Enqueue(fault);
        }
        return this;
    }

    /// <summary>The fault for this request of <paramref name="route"/>, if any (taken from the plan, or drawn).</summary>
    public Fault? Take(string route)
    {
        if (_planned.TryGetValue(route, out var queue) && queue.TryDequeue(out var planned))
        {
            Injected.Enqueue($"{route}:{planned}");
            return planned;
        }
        lock (_gate)
        {
            if (RandomRate <= 0 || _random.NextDouble() >= RandomRate)
            {
                return null;
            }
            var drawn = (Fault)_random.Next(4);
            Injected.Enqueue($"{route}:{drawn}");
            return drawn;
        }
    }

    /// <summary>Answers a refusal fault (before processing); true when the request was answered here.</summary>
    public static async Task<bool> RefuseAsync(HttpContext context, Fault? fault)
    {
        switch (fault)
        {
            case Fault.ServiceUnavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("service unavailable", context.RequestAborted);
                return true;
            case Fault.RateLimited:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("rate limited", context.RequestAborted);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Fails the answer of a request that was processed (hang, close mid-body); true when it did.</summary>
    public async Task<bool> BreakAnswerAsync(HttpContext context, Fault? fault, string contentType = "application/json")
    {
        switch (fault)
        {
            case Fault.Hang:
                try
                {
                    await Task.Delay(HangLimit, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                context.Abort();
                return true;
            case Fault.CloseMidBody:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = contentType;
                context.Response.Headers.ContentLength = 4096;
                await context.Response.WriteAsync("{\"ok\":true,\"pad\":\"" + new string('x', 100), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return true;
            default:
                return false;
        }
    }

    public int Count(string route) => Injected.Count(i => i.StartsWith(route + ":", StringComparison.Ordinal));

    public override string ToString() => string.Join(", ", Injected.GroupBy(i => i).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}×{g.Count()}")));
}
