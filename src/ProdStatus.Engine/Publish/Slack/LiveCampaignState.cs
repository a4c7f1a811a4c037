using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProdStatus.Engine.Collect.Panda;

namespace ProdStatus.Engine.Publish.Slack;

/// <summary>
/// What a live campaign message last showed, kept per (issue, channel) so the next refresh can say what changed,
/// and per issue for link previews and the Home tab.
/// </summary>
/// <param name="Workflows">Workflow key → PanDA request status.</param>
/// <param name="FailedJobs">Task type → failed jobs.</param>
public sealed record LiveCampaignState(
    IReadOnlyDictionary<string, string> Workflows,
    IReadOnlyDictionary<string, long> FailedJobs,
    long Tasks,
    long TasksFinished,
    long FilesProcessed,
    long FilesTotal,
    long JobsFailed,
    double CpuHours,
    DateTimeOffset UpdatedUtc)
{
    private static readonly string[] FinalStatuses = ["Finished", "SubFinished", "Failed", "Cancelled", "Expired", "Suspended"];

    public static LiveCampaignState From(PandaStatResult stats, DateTimeOffset updatedUtc) => new(
        stats.Workflows.GroupBy(w => w.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Status, StringComparer.Ordinal),
        stats.TaskTypes.Where(t => t.JobsFailed > 0).GroupBy(t => t.Row, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.JobsFailed), StringComparer.Ordinal),
        stats.Workflows.Sum(w => w.TotalTasks),
        stats.Workflows.Sum(w => w.TasksFinished),
        stats.Workflows.Sum(w => w.ProcessedFiles),
        stats.Workflows.Sum(w => w.TotalFiles),
        stats.Campaign.JobsFailed,
        stats.Campaign.CpuHours,
        updatedUtc);

    /// <summary>"2 Finished, 1 Transforming" — workflows per status, most common first.</summary>
    [JsonIgnore]
    public string StatusLine => Workflows.Count == 0
        ? "no workflows"
        : string.Join(", ", Workflows.Values.GroupBy(s => s, StringComparer.Ordinal).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));

    /// <summary>Every workflow reached a final status: further refreshes will find nothing new.</summary>
    [JsonIgnore]
    public bool Finished => Workflows.Count > 0 && Workflows.Values.All(FinalStatuses.Contains);

    /// <summary>Share of processed files, 0–100 (0 when the campaign has no files yet).</summary>
    [JsonIgnore]
    public double ProgressPercent => FilesTotal > 0 ? 100.0 * FilesProcessed / FilesTotal : 0;

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>, one line per change in mrkdwn: a
    /// workflow appeared, finished or changed status; failures grew in a task type. Empty when nothing changed.
    /// </summary>
    public static IReadOnlyList<string> Changes(LiveCampaignState before, LiveCampaignState after)
    {
        var lines = new List<string>();
        foreach (var (key, status) in after.Workflows.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (!before.Workflows.TryGetValue(key, out var old))
            {
                lines.Add($"workflow `{key}` appeared ({status})");
            }
            else if (old != status)
            {
                lines.Add(FinalStatuses.Contains(status) && !FinalStatuses.Contains(old)
                    ? $"workflow `{key}` finished: {old} → {status}"
                    : $"workflow `{key}` changed status: {old} → {status}");
            }
        }
        foreach (var (type, failed) in after.FailedJobs.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            long old = before.FailedJobs.TryGetValue(type, out var n) ? n : 0;
            if (failed > old)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"failures grew in `{type}`: {old} → {failed} failed jobs"));
            }
        }
        return lines;
    }

    public string ToJson() => JsonSerializer.Serialize(this, LiveJsonContext.Default.LiveCampaignState);

    public static LiveCampaignState? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, LiveJsonContext.Default.LiveCampaignState);
}

[JsonSerializable(typeof(LiveCampaignState))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
