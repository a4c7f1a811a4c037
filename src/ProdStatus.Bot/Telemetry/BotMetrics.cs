using System.Diagnostics.Metrics;

namespace ProdStatus.Bot.Telemetry;

/// <summary>OpenTelemetry-compatible instruments (meter <c>ProdStatus.Bot</c>): requests, queue depth, job durations, external failures.</summary>
public sealed class BotMetrics : IDisposable
{
    public const string MeterName = "ProdStatus.Bot";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _jobSeconds;
    private readonly Counter<long> _externalFailures;
    private long _queueDepth;

    public BotMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("prodstat.requests", description: "Webhook requests by source and outcome");
        _jobSeconds = _meter.CreateHistogram<double>("prodstat.job.duration", unit: "s", description: "Inbox job run time");
        _externalFailures = _meter.CreateCounter<long>("prodstat.external.failures", description: "Failed calls to Slack, Jira, PanDA, Teams");
        _meter.CreateObservableGauge("prodstat.queue.depth", () => Interlocked.Read(ref _queueDepth), description: "Pending inbox jobs");
    }

    public void Request(string source, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));

    public void JobFinished(string kind, string outcome, TimeSpan elapsed) =>
        _jobSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void ExternalFailure(string service) => _externalFailures.Add(1, new KeyValuePair<string, object?>("service", service));

    public void QueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);

    public void Dispose() => _meter.Dispose();
}
