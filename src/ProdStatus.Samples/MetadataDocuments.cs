using System.Globalization;
using System.Text;

namespace ProdStatus.Samples;

/// <summary>One quantum's resource snapshots, as the executor records them.</summary>
/// <param name="EndRss">In bytes for <paramref name="Version"/> ≥ 1, else KiB.</param>
/// <param name="Version"><c>quantum.__version__</c>; null leaves it out (2022 metadata, KiB).</param>
/// <param name="NoWork">Only <c>prep*</c> and <c>end*</c> snapshots, as for a quantum that found nothing to do.</param>
public sealed record QuantumSample(
    DateTimeOffset Prep, DateTimeOffset Start, DateTimeOffset End, double PrepCpu, double StartCpu, double EndCpu,
    long EndRss, int? Version, bool NoWork = false);

/// <summary>
/// Writes task metadata documents: TaskMetadata JSON (compact, one line, <c>+00:00</c> offsets) and 2022
/// PropertySet YAML (<c>[name, type, value]</c> triples, naive UTC times). <c>padding</c> adds task values so the
/// files have realistic sizes.
/// </summary>
public static class MetadataDocuments
{
    public static string Json(string label, QuantumSample q, int padding = 0)
    {
        var quantum = new List<string>();
        void Snap(string prefix, DateTimeOffset utc, double cpu, long rss)
        {
            quantum.Add($"\"{prefix}Utc\":[\"{utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00:00\"]");
            quantum.Add(I($"\"{prefix}CpuTime\":[{cpu:R}],\"{prefix}UserTime\":[{cpu * 0.93:R}],\"{prefix}SystemTime\":[{cpu * 0.07:R}]"));
            quantum.Add(I($"\"{prefix}MaxResidentSetSize\":[{rss}],\"{prefix}MinorPageFaults\":[{rss / 4096}],\"{prefix}MajorPageFaults\":[3]"));
        }
        Snap("prep", q.Prep, q.PrepCpu, q.EndRss / 3);
        if (!q.NoWork)
        {
            Snap("init", q.Prep.AddSeconds(0.4), q.PrepCpu + 0.2, q.EndRss / 3);
            Snap("start", q.Start, q.StartCpu, q.EndRss / 2);
        }
        Snap("end", q.End, q.EndCpu, q.EndRss);
        quantum.Add("\"outputs\":[\"5f0c1a2e9d3b4c5e8f7a6b5c4d3e2f10\"]");
        string scalars = q.Version is { } v ? I($"\"__version__\":{v},\"nodeName\":\"sdfrome042.sdf.slac.stanford.edu\",\"caveats\":0") : "";
        var task = new StringBuilder();
        if (!q.NoWork)
        {
            task.Append(I($"\"runStartUtc\":[\"{q.Start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff}+00:00\"],\"runStartCpuTime\":[{q.StartCpu + 0.01:R}],"));
            task.Append(I($"\"runEndUtc\":[\"{q.End.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff}+00:00\"],\"runEndCpuTime\":[{q.EndCpu - 0.01:R}],"));
            task.Append(I($"\"runEndMaxResidentSetSize\":[{q.EndRss}]"));
        }
        for (int i = 0; i < padding; i++)
        {
            task.Append(task.Length > 0 ? "," : "").Append(I($"\"step{i}Median\":[{1.5 + i * 0.25:R},{i * 7.125:R}],\"step{i}Flag\":[true]"));
        }
        return "{\"scalars\":{},\"arrays\":{},\"metadata\":{" +
               $"\"{label}\":{{\"scalars\":{{}},\"arrays\":{{{task}}},\"metadata\":{{}}}}," +
               $"\"quantum\":{{\"scalars\":{{{scalars}}},\"arrays\":{{{string.Join(",", quantum)}}}," +
               "\"metadata\":{\"butler_metrics\":{\"scalars\":{\"time_in_put\":0.81,\"n_get\":3},\"arrays\":{},\"metadata\":{}}}}}}";
    }

    public static string Yaml(string label, QuantumSample q, int padding = 0)
    {
        var text = new StringBuilder("!<lsst.daf.base.PropertySet>\n");
        bool empty = q.NoWork && padding == 0;
        text.Append("- - ").Append(label).Append("\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>").Append(empty ? " []\n" : "\n");
        if (!q.NoWork)
        {
            Entry(text, "runStartUtc", "String", Time(q.Start));
            Entry(text, "runStartCpuTime", "Double", I($"{q.StartCpu + 0.01:R}"));
            Entry(text, "runEndUtc", "String", Time(q.End));
            Entry(text, "runEndCpuTime", "Double", I($"{q.EndCpu - 0.01:R}"));
            Entry(text, "runEndMaxResidentSetSize", "LongLong", I($"{q.EndRss}"));
        }
        for (int i = 0; i < padding; i++)
        {
            Entry(text, $"step{i}Median", "Double", I($"{1.5 + i * 0.25:R}"));
        }
        text.Append("- - quantum\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>\n");
        if (q.Version is { } v)
        {
            Entry(text, "__version__", "LongLong", I($"{v}"));
        }
        Entry(text, "prepUtc", "String", Time(q.Prep));
        Entry(text, "prepCpuTime", "Double", I($"{q.PrepCpu:R}"));
        Entry(text, "prepMaxResidentSetSize", "LongLong", I($"{q.EndRss / 3}"));
        if (!q.NoWork)
        {
            Entry(text, "startUtc", "String", Time(q.Start));
            Entry(text, "startCpuTime", "Double", I($"{q.StartCpu:R}"));
            Entry(text, "startMaxResidentSetSize", "LongLong", I($"{q.EndRss / 2}"));
        }
        Entry(text, "endUtc", "String", Time(q.End));
        Entry(text, "endCpuTime", "Double", I($"{q.EndCpu:R}"));
        Entry(text, "endMaxResidentSetSize", "LongLong", I($"{q.EndRss}"));
        return text.ToString();
    }

    /// <summary>The eleven values <c>lsst.utils.timer.logInfo</c> records per snapshot, with their PropertySet types.</summary>
    private static readonly (string Suffix, string Type)[] SnapshotKeys =
    [
        ("Utc", "String"), ("CpuTime", "Double"), ("UserTime", "Double"), ("SystemTime", "Double"), ("MaxResidentSetSize", "LongLong"),
        ("MinorPageFaults", "LongLong"), ("MajorPageFaults", "LongLong"), ("BlockInputs", "LongLong"), ("BlockOutputs", "LongLong"),
        ("VoluntaryContextSwitches", "LongLong"), ("InvoluntaryContextSwitches", "LongLong"),
    ];

    /// <summary>
    /// A full 2022 PropertySet document (~7 KB with two subtasks) as the pipelines wrote it: the task's entry with
    /// <c>runStart*</c>/<c>runEnd*</c> (all eleven snapshot values each), task values and a nested PropertySet; one
    /// <c>label:sub</c> entry per subtask with its own timed method; <c>quantum</c> with <c>prep</c>, <c>start</c> and
    /// <c>end</c> snapshots; no <c>__version__</c> (RSS in KiB) unless <paramref name="q"/> has one.
    /// </summary>
    public static string PropertySet2022(string label, QuantumSample q, IReadOnlyList<string> subtasks)
    {
        var text = new StringBuilder(8192).Append("!<lsst.daf.base.PropertySet>\n");
        var span = q.End - q.Start;
        Section(text, label, q.NoWork);
        if (!q.NoWork)
        {
            Snapshot(text, "runStart", q.Start, q.StartCpu + 0.01, q.EndRss / 2);
            Entry(text, "numAmpsProcessed", "Int", "16");
            Entry(text, "medianBackground", "Double", I($"{1234.5 + (q.EndCpu % 97):R}"));
            text.Append("    - - overscanStats\n      - PropertySet\n      - !<lsst.daf.base.PropertySet>\n");
            foreach (string stat in new[] { "MEDIAN", "STDEV", "MEAN" })
            {
                text.Append("        - - ").Append(stat).Append("\n          - Double\n          - ").Append(I($"{12.25 + stat.Length:R}")).Append('\n');
            }
            Snapshot(text, "runEnd", q.End, q.EndCpu - 0.01, q.EndRss);
        }
        for (int i = 0; i < subtasks.Count; i++)
        {
            Section(text, $"{label}:{subtasks[i]}", q.NoWork);
            if (!q.NoWork)
            {
                var at = q.Start + (span * (i + 1) / (subtasks.Count + 2));
                Snapshot(text, $"{subtasks[i]}Start", at, q.StartCpu + i + 0.5, q.EndRss / 2);
                Snapshot(text, $"{subtasks[i]}End", at + (span / (subtasks.Count + 3)), q.StartCpu + i + 0.9, q.EndRss / 2);
            }
        }
        Section(text, MetadataQuantum, empty: false);
        if (q.Version is { } v)
        {
            Entry(text, "__version__", "LongLong", I($"{v}"));
        }
        Snapshot(text, "prep", q.Prep, q.PrepCpu, q.EndRss / 3);
        if (!q.NoWork)
        {
            Snapshot(text, "start", q.Start, q.StartCpu, q.EndRss / 2);
        }
        Snapshot(text, "end", q.End, q.EndCpu, q.EndRss);
        return text.ToString();
    }

    private const string MetadataQuantum = "quantum";

    private static void Section(StringBuilder text, string name, bool empty) =>
        text.Append("- - ").Append(name).Append("\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>").Append(empty ? " []\n" : "\n");

    private static void Snapshot(StringBuilder text, string prefix, DateTimeOffset utc, double cpu, long rss)
    {
        foreach (var (suffix, type) in SnapshotKeys)
        {
            string value = suffix switch
            {
                "Utc" => Time(utc),
                "CpuTime" => I($"{cpu:R}"),
                "UserTime" => I($"{cpu * 0.93:R}"),
                "SystemTime" => I($"{cpu * 0.07:R}"),
                "MaxResidentSetSize" => I($"{rss}"),
                "MinorPageFaults" => I($"{rss / 4}"),
                "MajorPageFaults" => "3",
                "BlockInputs" => I($"{rss % 9973}"),
                "BlockOutputs" => I($"{rss % 7919}"),
                "VoluntaryContextSwitches" => I($"{(long)(cpu * 13)}"),
                _ => I($"{(long)(cpu * 3)}"),
            };
            Entry(text, prefix + suffix, type, value);
        }
    }

    /// <summary>Naive UTC as 2022 metadata has it; Python's isoformat leaves out a zero fraction.</summary>
    private static string Time(DateTimeOffset t) =>
        "'" + t.UtcDateTime.ToString(t.UtcDateTime.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.ffffff",
            CultureInfo.InvariantCulture) + "'";

    private static void Entry(StringBuilder text, string name, string type, string value) =>
        text.Append("    - - ").Append(name).Append("\n      - ").Append(type).Append("\n      - ").Append(value).Append('\n');

    private static string I(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
