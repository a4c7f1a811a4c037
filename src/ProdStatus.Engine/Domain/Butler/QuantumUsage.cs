namespace ProdStatus.Engine.Domain.Butler;

/// <summary>Resource usage of one quantum, from its <c>&lt;label&gt;_metadata</c> document (all times UTC).</summary>
/// <param name="Start">When the quantum started (<c>quantum.prepUtc</c>, else <c>startUtc</c>).</param>
/// <param name="WallSeconds"><c>endUtc − startUtc</c> of the quantum (0 for a "no work" quantum).</param>
/// <param name="CpuSeconds"><c>endCpuTime − startCpuTime</c>; null when the document has no usable CPU times.</param>
/// <param name="MaxRssBytes">Process high-water mark at the end, in bytes; null when absent.</param>
public readonly record struct QuantumUsage(DateTimeOffset Start, double WallSeconds, double? CpuSeconds, long? MaxRssBytes);

/// <summary>Why a metadata document gave no usage.</summary>
public enum MetadataProblem
{
    None,

    /// <summary>Parsed, but the quantum/task times are missing ("no metadata").</summary>
    MissingKeys,

    /// <summary>Not valid JSON/YAML (truncated, binary, empty).</summary>
    Corrupt,
}

/// <summary>The outcome of parsing one document: usage, or a problem with a short reason.</summary>
public readonly record struct MetadataOutcome(QuantumUsage Usage, MetadataProblem Problem, string? Reason)
{
    public bool Ok => Problem == MetadataProblem.None;

    public static MetadataOutcome Of(QuantumUsage usage) => new(usage, MetadataProblem.None, null);

    public static MetadataOutcome Missing(string reason) => new(default, MetadataProblem.MissingKeys, reason);

    public static MetadataOutcome Corrupt(string reason) => new(default, MetadataProblem.Corrupt, reason);
}
