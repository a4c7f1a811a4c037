namespace ProdStatus.Engine.Domain.Butler;

/// <summary>What was learned about one task label in one RUN collection (stored per run, merged into table rows).</summary>
/// <param name="RunKey">The RUN's timestamp (<c>20220127T205042Z</c>), which names the table row with the label.</param>
/// <param name="Quanta">Registered metadata datasets (= quanta that wrote metadata, or were predicted to).</param>
/// <param name="Read">Documents read with usable times.</param>
/// <param name="NoFile">Registered without a datastore record (execution butler) or whose file is missing.</param>
/// <param name="Provenance">Backed by a provenance quantum graph (<c>ProvenanceFormatter</c>), not read.</param>
/// <param name="Unreadable">Corrupt documents (truncated, binary, wrong encoding beyond repair).</param>
/// <param name="NoMetadata">Parsed, but without the quantum/task times.</param>
/// <param name="Skipped">Not read because of <c>maxtask</c> sampling.</param>
public sealed record ButlerTaskStats(
    string RunName,
    string RunKey,
    string Label,
    long Quanta,
    long Read,
    long NoFile,
    long Provenance,
    long Unreadable,
    long NoMetadata,
    long Skipped,
    DateTimeOffset? FirstStart,
    double CpuSum,
    long CpuCount,
    double CpuMax,
    double WallSum,
    long WallCount,
    RssHistogram Rss)
{
    /// <summary>Quanta that ran and left a document (every registered one except those without a file).</summary>
    public long Executed => Math.Max(0, Quanta - NoFile);
}

/// <summary>Accumulates one (run, label) from many threads.</summary>
public sealed class ButlerTaskAccumulator(string runName, string runKey, string label)
{
    private readonly Lock _gate = new();
    private readonly RssHistogram _rss = new();
    private long _quanta, _read, _noFile, _provenance, _unreadable, _noMetadata, _skipped, _cpuCount, _wallCount;
    private double _cpuSum, _cpuMax, _wallSum;
    private DateTimeOffset? _first;

    public string Label => label;

    public void Registered() => Interlocked.Increment(ref _quanta);

    public void NoFile() => Interlocked.Increment(ref _noFile);

    public void Provenance() => Interlocked.Increment(ref _provenance);

    public void Unreadable() => Interlocked.Increment(ref _unreadable);

    public void NoMetadata() => Interlocked.Increment(ref _noMetadata);

    public void Skipped() => Interlocked.Increment(ref _skipped);

    public void Add(QuantumUsage usage)
    {
        lock (_gate)
        {
            _read++;
            if (_first is null || usage.Start < _first)
            {
                _first = usage.Start;
            }
            _wallSum += usage.WallSeconds;
            _wallCount++;
            if (usage.CpuSeconds is { } cpu)
            {
                _cpuSum += cpu;
                _cpuCount++;
                _cpuMax = Math.Max(_cpuMax, cpu);
            }
            if (usage.MaxRssBytes is { } rss)
            {
                _rss.Add(rss);
            }
        }
    }

    public ButlerTaskStats Build()
    {
        lock (_gate)
        {
            return new ButlerTaskStats(runName, runKey, label, _quanta, _read, _noFile, _provenance, _unreadable, _noMetadata, _skipped,
                _first, _cpuSum, _cpuCount, _cpuMax, _wallSum, _wallCount, RssHistogram.Parse(_rss.Serialize()));
        }
    }
}
