using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Samples;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Panda;

/// <summary>
/// A PanDA monitor on loopback: the engine's <see cref="PandaMonitorSimulator"/> behind Kestrel, plus what real
/// servers do to clients — latency, an hourly request budget answered with 429 + Retry-After, 500s, bodies cut off,
/// credentials checked or answered with a login redirect.
/// </summary>
public sealed class FakePandaMonitor(PandaScenario scenario) : LoopbackServer
{
    private PandaMonitorSimulator _simulator = new(scenario);
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private int _served;
    private int _inFlight;
    private int _maxInFlight;
    private long _bytesServed;

    /// <summary>From now on the monitor answers from <paramref name="next"/>: the same campaign a poll later.</summary>
    public void Replace(PandaScenario next) => _simulator = new PandaMonitorSimulator(next);

    /// <summary>Added to every answer before its headers.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Requests allowed before every further one gets 429 (null: unlimited).</summary>
    public int? RequestBudget { get; set; }

    /// <summary>The Retry-After the 429 carries.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>When set, requests must carry exactly this Authorization header, else 401 <c>{"detail":…}</c>.</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>Anonymous requests are redirected to the login page (a site proxy in front of the monitor).</summary>
    public bool RedirectAnonymous { get; set; }

    /// <summary>The next <paramref name="count"/> requests whose path starts with <paramref name="path"/> fail with <paramref name="status"/>.</summary>
    public void FailNext(string path, int count, int status = 500) => _failuresLeft[$"{path}|{status}"] = count;

    /// <summary>The next <paramref name="count"/> answers under <paramref name="path"/> are cut off halfway.</summary>
    public void TruncateNext(string path, int count) => _failuresLeft[$"{path}|truncate"] = count;

    public ConcurrentQueue<DateTimeOffset> ArrivalTimes { get; } = new();

    /// <summary>Most requests being answered at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Body bytes written to clients.</summary>
    public long BytesServed => Interlocked.Read(ref _bytesServed);

    protected override void MapRoutes(WebApplication app) => app.Run(async context =>
    {
        int now = Interlocked.Increment(ref _inFlight);
        for (int seen = _maxInFlight; now > seen && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen; seen = _maxInFlight)
        {
        }
        var body = new CountingStream(context.Response.Body);
        context.Response.Body = body;
        try
        {
            await HandleAsync(context);
            await body.FlushAsync(context.RequestAborted);
        }
        finally
        {
            Interlocked.Add(ref _bytesServed, body.Written);
            Interlocked.Decrement(ref _inFlight);
        }
    });

    private async Task HandleAsync(HttpContext context)
    {
        ArrivalTimes.Enqueue(DateTimeOffset.FromUnixTimeMilliseconds(Environment.TickCount64));
        string path = context.Request.Path.Value ?? "/";
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }
        if (RequestBudget is { } budget && Interlocked.Increment(ref _served) > budget)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { error = "too many requests per hour, please try later" });
            return;
        }
        string? auth = context.Request.Headers.Authorization;
        if (RedirectAnonymous && string.IsNullOrEmpty(auth))
        {
            context.Response.Redirect("/login/?next=" + Uri.EscapeDataString(path));
            return;
        }
        if (RequiredAuthorization is not null && auth != RequiredAuthorization)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { detail = "Invalid token." });
            return;
        }
        foreach (var (key, left) in _failuresLeft)
        {
            string[] parts = key.Split('|');
            if (left > 0 && path.StartsWith(parts[0], StringComparison.Ordinal) && _failuresLeft.TryUpdate(key, left - 1, left))
            {
                if (parts[1] == "truncate")
                {
                    await WriteTruncatedAsync(context, path);
                    return;
                }
                context.Response.StatusCode = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Server Error</body></html>");
                return;
            }
        }
        bool acceptsJson = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
        var answer = _simulator.Handle(path, PandaMonitorSimulator.ParseQuery(context.Request.QueryString.Value ?? ""), acceptsJson);
        context.Response.StatusCode = (int)answer.Status;
        context.Response.ContentType = answer.ContentType;
        if (answer.Location is not null)
        {
            context.Response.Headers.Location = answer.Location;
        }
        await answer.WriteAsync(context.Response.Body, context.RequestAborted);
    }

    private async Task WriteTruncatedAsync(HttpContext context, string path)
    {
        var answer = _simulator.Handle(path, PandaMonitorSimulator.ParseQuery(context.Request.QueryString.Value ?? ""), acceptsJson: true);
        using var buffer = new MemoryStream();
        await answer.WriteAsync(buffer, context.RequestAborted);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), context.RequestAborted);
        // Ending the response early is what a dropped connection looks like to the client: no more bytes.
    }
}
