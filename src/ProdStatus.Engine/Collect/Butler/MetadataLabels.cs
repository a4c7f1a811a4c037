namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Task label of a metadata dataset type: the name minus <c>_metadata</c> (<c>compute_object_epochs_metadata</c> →
/// <c>compute_object_epochs</c>; the original cut at the first <c>_</c>). Bookkeeping tasks that summarise other
/// tasks' metadata (<c>*_gatherResourceUsage</c>, as analysis_tools skips them) are not labels of the campaign.
/// </summary>
public static class MetadataLabels
{
    private const string Suffix = "_metadata";

    public static bool TryGetLabel(string datasetTypeName, out string label)
    {
        label = "";
        if (!datasetTypeName.EndsWith(Suffix, StringComparison.Ordinal) || datasetTypeName.Length == Suffix.Length)
        {
            return false;
        }
        string candidate = datasetTypeName[..^Suffix.Length];
        if (candidate.Contains('.', StringComparison.Ordinal) || IsBookkeeping(candidate))
        {
            return false; // a component ("x.metadata") or a summary task
        }
        label = candidate;
        return true;
    }

    public static bool IsBookkeeping(string label) =>
        label.EndsWith("gatherResourceUsage", StringComparison.OrdinalIgnoreCase) ||
        label.EndsWith("_resourceUsageSummary", StringComparison.OrdinalIgnoreCase);
}
