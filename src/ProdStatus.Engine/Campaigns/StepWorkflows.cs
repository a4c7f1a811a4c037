using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Campaigns;

/// <summary>Finds a step's bps submit yamls and merges them into the workflows a step yaml already lists.</summary>
public static class StepWorkflows
{
    /// <summary>
    /// The <c>*.yaml</c> files of <paramref name="directory"/> whose name starts with the step name and does not go on
    /// with a digit (<c>step1_all_1.yaml</c> belongs to <c>step1</c>, <c>step10_a.yaml</c> does not), by name.
    /// Other files of the folder (clustering, memory requests) are not submissions.
    /// </summary>
    public static IReadOnlyList<WorkflowEntry> Scan(string directory, string stepName, string field)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserInputException($"{field}: {directory}: directory not found");
        }
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && BelongsTo(Path.GetFileNameWithoutExtension(f), stepName))
            .Order(StringComparer.Ordinal)
            .Select(f => new WorkflowEntry(Path.GetFileNameWithoutExtension(f), dir, f, null, null, CampaignSpec.NoExtra))
            .ToList();
    }

    /// <summary>Every workflow of <paramref name="existing"/> is kept, <paramref name="overriding"/> wins for the same name, and
    /// scanned files that no workflow points at yet are added.</summary>
    public static IReadOnlyList<WorkflowEntry> Merge(IEnumerable<WorkflowEntry> existing, IEnumerable<WorkflowEntry> overriding, IEnumerable<WorkflowEntry> scanned)
    {
        var merged = new Dictionary<string, WorkflowEntry>(StringComparer.Ordinal);
        foreach (var w in existing.Concat(overriding))
        {
            merged[w.Name] = w;
        }
        var files = merged.Values.Select(w => w.BpsPath).ToHashSet(StringComparer.Ordinal);
        foreach (var w in scanned.Where(w => !files.Contains(w.BpsPath)))
        {
            merged.TryAdd(w.Name, w);
        }
        return merged.Values.OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
    }

    private static bool BelongsTo(string fileStem, string stepName) =>
        fileStem.StartsWith(stepName, StringComparison.Ordinal) &&
        (fileStem.Length == stepName.Length || !char.IsAsciiDigit(fileStem[stepName.Length]));
}
