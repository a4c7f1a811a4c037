using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// Typed client of the PanDA monitor's JSON list views. Answers are streamed element by element; retries, timeouts
/// and Retry-After live in the HttpClient's resilience pipeline.
/// </summary>
/// <remarks>Routes: <c>idds/wfprogress/</c>, <c>tasks/</c>, <c>jobs/</c> of panda-bigmon-core.</remarks>
public sealed class PandaMonitorClient(HttpClient http)
{
    internal const string Service = "PanDA monitor";

    /// <summary><c>GET idds/wfprogress/?json&amp;days=N</c>: every iDDS request created in the last N days.</summary>
    internal IAsyncEnumerable<WorkflowProgressDto> GetWorkflowProgressAsync(int days, CancellationToken cancellationToken = default) =>
        GetArrayAsync($"idds/wfprogress/?json&days={days}", null, PandaJsonContext.Default.WorkflowProgressDto, cancellationToken);

    /// <summary><c>GET tasks/?taskname=PREFIX*&amp;days=N&amp;json</c> (the wildcard match is case-insensitive on the server).</summary>
    internal IAsyncEnumerable<TaskDto> GetTasksAsync(string taskNamePrefix, int days, CancellationToken cancellationToken = default) =>
        GetArrayAsync($"tasks/?taskname={Uri.EscapeDataString(taskNamePrefix)}*&days={days}&json", null, PandaJsonContext.Default.TaskDto, cancellationToken);

    /// <summary><c>GET jobs/?jeditaskid=N&amp;…&amp;json</c>: the jobs of one task, streamed from the <c>jobs</c> array.</summary>
    internal IAsyncEnumerable<JobDto> GetJobsAsync(long jediTaskId, JobQuery query, CancellationToken cancellationToken = default)
    {
        var url = new StringBuilder($"jobs/?jeditaskid={jediTaskId}");
        if (query.Statuses.Count > 0)
        {
            url.Append("&jobstatus=").Append(string.Join('|', query.Statuses));
        }
        if (query.Limit > 0)
        {
            url.Append("&limit=").Append(query.Limit);
        }
        if (query.NoDrop)
        {
            url.Append("&mode=nodrop");
        }
        url.Append("&fields=pandaid,jobstatus,jobname,attemptnr,starttime,endtime,durationsec,cpuconsumptiontime,maxrss,").Append(JobDto.ErrorFields);
        url.Append("&json");
        return GetArrayAsync(url.ToString(), "jobs", PandaJsonContext.Default.JobDto, cancellationToken);
    }

    /// <summary>
    /// <c>GET jobs/?jeditaskid=N&amp;mode=nodrop&amp;limit=L&amp;fields=…&amp;json</c>: every attempt of one task in any state
    /// (running and not yet started ones too) with just its times, streamed. The limit must be explicit: without one
    /// the monitor silently stops at 200,000 jobs.
    /// </summary>
    internal IAsyncEnumerable<JobDto> GetJobTimesAsync(long jediTaskId, int limit, CancellationToken cancellationToken = default) =>
        GetArrayAsync(
            $"jobs/?jeditaskid={jediTaskId}&mode=nodrop&limit={limit}&fields=pandaid,jobstatus,jobname,attemptnr,starttime,endtime,durationsec&json",
            "jobs", PandaJsonContext.Default.JobDto, cancellationToken);

    private async IAsyncEnumerable<T> GetArrayAsync<T>(string relativeUrl, string? property, JsonTypeInfo<T> typeInfo,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(relativeUrl, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var enumerator = JsonArrayStream.ReadAsync(body, property, typeInfo, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await MoveNextAsync(enumerator, relativeUrl))
        {
            yield return enumerator.Current;
        }
    }

    private static async ValueTask<bool> MoveNextAsync<T>(IAsyncEnumerator<T> enumerator, string url)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (JsonException ex)
        {
            throw new PandaMalformedResponseException($"malformed JSON from {Path(url)}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new PandaMalformedResponseException($"connection broke while reading {Path(url)}: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PandaMalformedResponseException($"connection broke while reading {Path(url)}: {ex.Message}", ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(relativeUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(Service, $"cannot reach {http.BaseAddress?.Authority}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException(Service, $"{Path(relativeUrl)} timed out after all retries", ex);
        }
        if (response.StatusCode == HttpStatusCode.OK && IsJson(response))
        {
            return response;
        }
        using (response)
        {
            throw await ToExceptionAsync(response, relativeUrl, cancellationToken);
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is null or "application/json" or "text/json" or "text/plain";

    private static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, string url, CancellationToken cancellationToken)
    {
        string detail = await ReadDetailAsync(response, cancellationToken);
        int status = (int)response.StatusCode;
        return status switch
        {
            200 => new UpstreamException(Service, $"{Path(url)} answered with {response.Content.Headers.ContentType?.MediaType} instead of JSON (a login page? set {Configuration.PandaOptions.Section}:Token)"),
            301 or 302 or 303 or 307 or 308 => new UpstreamException(Service,
                $"{Path(url)} redirected to {response.Headers.Location} (login required): set {Configuration.PandaOptions.Section}:Token or refresh the panda-client token"),
            401 or 403 => new UpstreamException(Service, $"{Path(url)} refused the credentials ({status}{Detail(detail)}): check {Configuration.PandaOptions.Section}:Token / TokenKind"),
            429 => new UpstreamException(Service,
                $"rate limit reached ({status}{Detail(detail)}); retry after {Engine.Http.RetryAfter.Parse(response, TimeProvider.System)?.TotalSeconds ?? 0:0} s — the monitor allows about 1,000 requests per hour"),
            400 => new UpstreamException(Service, $"{Path(url)} rejected the query (400{Detail(detail)})"),
            _ => new UpstreamException(Service, $"{Path(url)} failed with HTTP {status}{Detail(detail)} after all retries"),
        };
    }

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.TrimStart().StartsWith('{'))
            {
                using var document = JsonDocument.Parse(text);
                foreach (string key in new[] { "error", "detail", "message" })
                {
                    if (document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
            return "";
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException)
        {
            return "";
        }
    }

    private static string Detail(string detail) => detail.Length > 0 ? $": {detail}" : "";

    private static string Path(string url) => url.Split('?')[0];
}

/// <summary>What to ask the jobs view for.</summary>
internal sealed record JobQuery(IReadOnlyList<string> Statuses, int Limit, bool NoDrop);

/// <summary>The body of an OK answer could not be read whole; the unit of work that read it may be retried.</summary>
public sealed class PandaMalformedResponseException(string message, Exception inner) : Exception(message, inner);
