namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// The few values of a task metadata document that resource usage needs, by section (<c>quantum</c>, task labels):
/// <c>*Utc</c>, <c>*CpuTime</c>, <c>*MaxResidentSetSize</c> and <c>__version__</c>. Lists keep their last element,
/// as <c>TaskMetadata.__getitem__</c> does.
/// </summary>
internal sealed class MetadataSections
{
    public const string Quantum = "quantum";

    private readonly Dictionary<string, Dictionary<string, MetaValue>> _sections = new(StringComparer.Ordinal);

    public int Count => _sections.Count;

    public static bool IsInteresting(ReadOnlySpan<char> key) =>
        key.EndsWith("Utc", StringComparison.Ordinal) || key.EndsWith("CpuTime", StringComparison.Ordinal) ||
        key.EndsWith("MaxResidentSetSize", StringComparison.Ordinal) || key.SequenceEqual("__version__");

    public void Set(string section, string key, MetaValue value)
    {
        if (!_sections.TryGetValue(section, out var values))
        {
            values = new Dictionary<string, MetaValue>(StringComparer.Ordinal);
            _sections[section] = values;
        }
        values[key] = value;
    }

    /// <summary>Registers a section even when it holds nothing of interest (an empty task entry still counts).</summary>
    public void Touch(string section)
    {
        if (!_sections.ContainsKey(section))
        {
            _sections[section] = new Dictionary<string, MetaValue>(StringComparer.Ordinal);
        }
    }

    public IReadOnlyDictionary<string, MetaValue>? Section(string name) => _sections.GetValueOrDefault(name);

    /// <summary>The task's own section (named after the label), else the first one with <c>run*</c> times.</summary>
    public IReadOnlyDictionary<string, MetaValue>? TaskSection(string label) =>
        _sections.TryGetValue(label, out var own) && own.ContainsKey("runEndUtc")
            ? own
            : _sections.Where(kv => kv.Key != Quantum && kv.Value.ContainsKey("runEndUtc"))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).FirstOrDefault();
}

/// <summary>A scalar: a number (NaN when not numeric or not finite) and the text as written.</summary>
internal readonly record struct MetaValue(double Number, string? Text)
{
    public static MetaValue OfNumber(double number) => new(number, null);

    public static MetaValue OfText(string text) =>
        new(double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.NaN, text);

    public double? Finite => double.IsFinite(Number) ? Number : null;
}
