using System.Net;
using System.Security.Cryptography;
using System.Text;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Http;

/// <summary>
/// A folder of recorded answers: one <c>&lt;hash&gt;.json</c> body and <c>&lt;hash&gt;.status</c> per request, keyed by
/// method, path and sorted query, plus <c>requests.tsv</c> for people. Neither the host nor the <c>days=</c> window
/// (which grows with the date of the run) is part of the key, so a recording replays on any later day.
/// </summary>
public static class RecordingFolder
{
    public static string Key(HttpMethod method, Uri uri)
    {
        string query = uri.Query.TrimStart('?');
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("days=", StringComparison.Ordinal))
            .ToArray();
        Array.Sort(parts, StringComparer.Ordinal);
        return $"{method.Method} {uri.AbsolutePath}?{string.Join('&', parts)}";
    }

    public static string FileStem(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];

    public static async Task WriteAsync(string folder, string key, HttpStatusCode status, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        string stem = Path.Combine(folder, FileStem(key));
        await Output.AtomicFile.WriteAllBytesAsync(stem + ".json", body, cancellationToken);
        await Output.AtomicFile.WriteAllTextAsync(stem + ".status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        lock (IndexGate)
        {
            File.AppendAllText(Path.Combine(folder, "requests.tsv"), $"{FileStem(key)}\t{(int)status}\t{key}\n");
        }
    }

    private static readonly Lock IndexGate = new();
}

/// <summary>The innermost handler in <c>--replay</c> mode: answers from the folder, never touches the network.</summary>
public sealed class ReplayHandler(string folder) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string key = RecordingFolder.Key(request.Method, request.RequestUri!);
        string stem = Path.Combine(folder, RecordingFolder.FileStem(key));
        if (!File.Exists(stem + ".json"))
        {
            throw new UserInputException($"{folder}: no recorded answer for {key} (record it with --record DIR)");
        }
        int status = File.Exists(stem + ".status")
            ? int.Parse(File.ReadAllText(stem + ".status").Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : 200;
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            RequestMessage = request,
            Content = new StreamContent(new FileStream(stem + ".json", FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true)),
        };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(response);
    }
}

/// <summary>In <c>--record</c> mode, keeps a copy of every answer (read whole, so meant for captures, not huge runs).</summary>
public sealed class RecordingHandler(HttpTransport transport) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (transport.RecordFolder is not { } folder || (int)response.StatusCode >= 500 || (int)response.StatusCode == 429)
        {
            return response;
        }
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        await RecordingFolder.WriteAsync(folder, RecordingFolder.Key(request.Method, request.RequestUri!), response.StatusCode, body, cancellationToken);
        var copy = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        response.Content = copy;
        return response;
    }
}

/// <summary>
/// Counts every attempt that reached the service (retries included): the monitor allows ~1,000 an hour. An attempt
/// whose connection could not even be opened never reached it and is not counted, so the count printed equals the
/// count the service saw.
/// </summary>
public sealed class RequestCountingHandler(RequestCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            counter.Increment();
            return response;
        }
        catch (Exception ex)
        {
            if (!NeverSent(ex))
            {
                counter.Increment(); // sent, then timed out or broke off: the service saw it
            }
            throw;
        }
    }

    /// <summary>Failures before a request could be written (DNS, connect, TLS, proxy).</summary>
    internal static bool NeverSent(Exception ex) => ex is HttpRequestException
    {
        HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
    };
}

/// <summary>
/// Tells the collector's <see cref="AdaptiveConcurrency"/> how each attempt was answered: 429 and 503 bring the limit
/// down, other answers let it grow back. Sits inside the retry loop, so every attempt is seen.
/// </summary>
public sealed class ConcurrencySignalHandler(AdaptiveConcurrency limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long epoch = limiter.Epoch;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            limiter.OnThrottled(epoch);
        }
        else if ((int)response.StatusCode < 500)
        {
            limiter.OnSuccess();
        }
        return response;
    }
}

/// <summary>
/// Attempts that reached a service: in total, and per tally, so one refresh's count is exact even when other
/// refreshes run at the same time in the process (the bot). A tally follows the async flow that started it.
/// </summary>
public sealed class RequestCounter
{
    private static readonly AsyncLocal<RequestTally?> CurrentTally = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Increment()
    {
        Interlocked.Increment(ref _count);
        CurrentTally.Value?.Increment();
    }

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>Starts counting the attempts made from here on in the calling async flow (and the tasks it starts).</summary>
    public static RequestTally StartTally() => CurrentTally.Value = new RequestTally();
}

/// <summary>The attempts of one unit of work, e.g. one refresh.</summary>
public sealed class RequestTally
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    internal void Increment() => Interlocked.Increment(ref _count);
}
