using ProdStatus.Engine.Aggregate;

namespace ProdStatus.Engine.Params;

/// <summary>
/// The original prep-timing-data / plot-data parameter file: <c>Jira</c>, <c>collType</c> (one string; a list is
/// accepted too), <c>job_names</c>, <c>bin_width</c> (seconds), <c>start_at</c>/<c>stop_at</c> (hours since the first
/// quantum start), <c>start_date</c>/<c>stop_date</c>. Added: <c>bin_mode</c> (<c>mean</c> or <c>overlap</c>).
/// </summary>
/// <param name="JobNames">BPS job labels, matched exactly (see <c>TaskLabels.BpsLabel</c>).</param>
/// <param name="StopAtHours">Plot window end; null: the last job's end. Kept fractional (the original truncated it).</param>
/// <param name="StopDate">Inclusive, by the workflow timestamp in the name, UTC.</param>
public sealed record TimingParams(
    string Jira,
    IReadOnlyList<string> CollTypes,
    IReadOnlyList<string> JobNames,
    double BinWidthSeconds,
    double StartAtHours,
    double? StopAtHours,
    BinMode Mode,
    DateOnly StartDate,
    DateOnly StopDate)
{
    public static readonly string[] KnownFields =
        ["Jira", "collType", "collTypes", "job_names", "bin_width", "start_at", "stop_at", "bin_mode", "start_date", "stop_date"];

    /// <summary>The workflow selection, shared with get-panda-stat.</summary>
    public PandaStatParams Selection => new(Jira, CollTypes, 0, StartDate, StopDate);

    /// <summary>The parameter file, for errors about its fields found later (plot-data's bin count).</summary>
    public string Source { get; init; } = "parameters";

    public TimingWindow Window => new(BinWidthSeconds, StartAtHours, StopAtHours);

    public static TimingParams Read(ParamFile file)
    {
        string jira = file.RequiredIssueKey("Jira");
        if (file.Has("collType") == file.Has("collTypes"))
        {
            throw file.Error("collType", "give exactly one of collType (the original's key) or collTypes");
        }
        var collTypes = file.RequiredStringList(file.Has("collType") ? "collType" : "collTypes");
        var startDate = file.RequiredDate("start_date");
        var stopDate = file.RequiredDate("stop_date");
        if (stopDate < startDate)
        {
            throw file.Error("stop_date", $"{stopDate:yyyy-MM-dd} is before start_date {startDate:yyyy-MM-dd}");
        }
        var jobNames = file.RequiredStringList("job_names").Select(n => n.Trim()).ToList();
        for (int i = 0; i < jobNames.Count; i++)
        {
            if (jobNames[i].Length == 0 || jobNames[i].IndexOfAny(['/', '\\', '\0', '*']) >= 0)
            {
                throw file.Error($"job_names[{i}]", $"'{jobNames[i]}' is not a BPS job label");
            }
        }
        if (jobNames.Distinct(StringComparer.Ordinal).Count() != jobNames.Count)
        {
            throw file.Error("job_names", "lists a name twice");
        }
        double binWidth = file.OptionalDouble("bin_width", 3600);
        if (binWidth <= 0)
        {
            throw file.Error("bin_width", $"must be more than 0 seconds (got {binWidth})");
        }
        double startAt = file.OptionalDouble("start_at", 0);
        if (startAt < 0)
        {
            throw file.Error("start_at", $"must be 0 or more hours (got {startAt})");
        }
        double? stopAt = file.Has("stop_at") && file.OptionalString("stop_at") is not null ? file.OptionalDouble("stop_at", 0) : null;
        if (stopAt is { } stop && stop <= startAt)
        {
            throw file.Error("stop_at", $"must be after start_at {startAt} (got {stop})");
        }
        if (stopAt is { } end && (end - startAt) * 3600 / binWidth > TimingWindow.MaxBins)
        {
            throw file.Error("bin_width", $"{binWidth} s makes more than {TimingWindow.MaxBins} bins between start_at and stop_at");
        }
        var mode = file.OptionalString("bin_mode")?.Trim() switch
        {
            null or "mean" => BinMode.Mean,
            "overlap" => BinMode.Overlap,
            var other => throw file.Error("bin_mode", $"must be 'mean' or 'overlap' (got '{other}')"),
        };
        return new TimingParams(jira, collTypes, jobNames, binWidth, startAt, stopAt, mode, startDate, stopDate) { Source = file.Path };
    }

    /// <summary>Loads a file; unknown keys are passed to <paramref name="warn"/>.</summary>
    public static TimingParams Load(string path, Action<string> warn)
    {
        var file = ParamFile.Load(path);
        var result = Read(file);
        foreach (string key in file.UnusedKeys)
        {
            warn($"{path}: unknown key '{key}' ignored (known: {string.Join(", ", KnownFields)})");
        }
        return result;
    }
}
