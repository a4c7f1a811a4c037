using System.Text;
using System.Text.Json;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Time;
using YamlDotNet.Core;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// One quantum's resource usage from its metadata document, following
/// <c>QuantumResourceUsage.from_task_metadata</c>: start = <c>quantum.prepUtc</c>, wall = <c>endUtc − startUtc</c>,
/// CPU = <c>endCpuTime − startCpuTime</c> (else the task's <c>run*</c> keys), memory =
/// <c>endMaxResidentSetSize</c> in bytes when <c>quantum.__version__ ≥ 1</c>, else KiB (Linux <c>ru_maxrss</c>).
/// </summary>
public static class MetadataParser
{
    /// <summary>Parses JSON or YAML, told apart by the first non-blank byte (<c>{</c> is JSON).</summary>
    public static MetadataOutcome Parse(ReadOnlySpan<byte> content, string label)
    {
        int first = content.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            return MetadataOutcome.Corrupt("empty document");
        }
        if (content.StartsWith("\x1f\x8b"u8))
        {
            return MetadataOutcome.Corrupt("compressed (gzip) data, not a metadata document");
        }
        MetadataSections sections;
        try
        {
            sections = content[first] == (byte)'{'
                ? JsonMetadataReader.Read(content[first..])
                : YamlMetadataReader.Read(Encoding.UTF8.GetString(content)); // invalid UTF-8 becomes U+FFFD
        }
        catch (JsonException ex)
        {
            return MetadataOutcome.Corrupt($"not valid JSON: {ex.Message.Split('\n')[0]}");
        }
        catch (YamlException ex)
        {
            return MetadataOutcome.Corrupt($"not valid YAML: {ex.Message.Split('\n')[0]}");
        }
        return Usage(sections, label);
    }

    internal static MetadataOutcome Usage(MetadataSections sections, string label)
    {
        var quantum = sections.Section(MetadataSections.Quantum);
        var task = sections.TaskSection(label);
        double version = quantum is not null && quantum.TryGetValue("__version__", out var v) && v.Finite is { } ver ? ver : 0;
        long unit = version >= 1 ? 1 : 1024;

        DateTimeOffset? qStart = Time(quantum, "startUtc");
        DateTimeOffset? qEnd = Time(quantum, "endUtc");
        DateTimeOffset? start = Time(quantum, "prepUtc") ?? qStart ?? Time(task, "runStartUtc");
        double wall;
        if (qEnd is { } end)
        {
            wall = qStart is { } s ? (end - s).TotalSeconds : 0; // "no work" quanta have only prep* and end*
        }
        else if (Time(task, "runEndUtc") is { } taskEnd && Time(task, "runStartUtc") is { } taskStart)
        {
            wall = (taskEnd - taskStart).TotalSeconds;
        }
        else
        {
            return MetadataOutcome.Missing(quantum is null ? "no 'quantum' section and no task run* times" : "no quantum endUtc");
        }
        if (start is null)
        {
            return MetadataOutcome.Missing("no quantum prepUtc/startUtc");
        }

        double? cpu = Difference(quantum, "startCpuTime", "endCpuTime") ?? Difference(task, "runStartCpuTime", "runEndCpuTime");
        if (cpu is null && qStart is null && qEnd is not null && Number(quantum, "endCpuTime") is not null)
        {
            cpu = 0; // no work: nothing ran between start and end
        }
        double? rss = Number(quantum, "endMaxResidentSetSize") ?? Number(task, "runEndMaxResidentSetSize");
        long? rssBytes = rss is { } r && r >= 0 && r * unit < long.MaxValue ? (long)(r * unit) : null;
        return MetadataOutcome.Of(new QuantumUsage(start.Value, Math.Max(0, wall), cpu is >= 0 ? cpu : null, rssBytes));
    }

    private static double? Difference(IReadOnlyDictionary<string, MetaValue>? section, string startKey, string endKey) =>
        Number(section, startKey) is { } a && Number(section, endKey) is { } b ? b - a : null;

    private static double? Number(IReadOnlyDictionary<string, MetaValue>? section, string key) =>
        section is not null && section.TryGetValue(key, out var value) ? value.Finite : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, MetaValue>? section, string key) =>
        section is not null && section.TryGetValue(key, out var value) && value.Text is { } text &&
        UtcTimestamps.TryParse(text, out var time) ? time : null;
}
