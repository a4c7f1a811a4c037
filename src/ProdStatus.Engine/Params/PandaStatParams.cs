namespace ProdStatus.Engine.Params;

/// <summary>
/// The original get-panda-stat parameter file: <c>Jira</c>, <c>collTypes</c>, <c>maxtask</c>, <c>start_date</c>,
/// <c>stop_date</c>, <c>workNames</c>. Existing operators' files work unchanged.
/// </summary>
/// <param name="MaxTask">0 = every finished job of every task; &gt; 0 = sample that many, as the original did.</param>
/// <param name="StopDate">Inclusive: the whole day counts (the original silently excluded it).</param>
public sealed record PandaStatParams(
    string Jira,
    IReadOnlyList<string> CollTypes,
    int MaxTask,
    DateOnly StartDate,
    DateOnly StopDate)
{
    /// <summary>Fields the original accepted; <c>workNames</c> was never used and still is not.</summary>
    public static readonly string[] KnownFields = ["Jira", "collTypes", "maxtask", "start_date", "stop_date", "workNames"];

    /// <summary>Key of the stored history. <value>Default: <see cref="Jira"/>; update-stat keeps one per DRP issue.</value></summary>
    public string HistoryKey { get => field ?? Jira; init; }

    public DateTimeOffset WindowStartUtc => new(StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Exclusive end: midnight UTC after <see cref="StopDate"/>.</summary>
    public DateTimeOffset WindowEndUtc => new(StopDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static PandaStatParams Read(ParamFile file)
    {
        string jira = file.RequiredIssueKey("Jira");
        var collTypes = file.RequiredStringList("collTypes");
        int maxTask = file.OptionalInt("maxtask", 0, min: 0);
        var start = file.RequiredDate("start_date");
        var stop = file.RequiredDate("stop_date");
        file.OptionalString("workNames");
        if (stop < start)
        {
            throw file.Error("stop_date", $"{stop:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}");
        }
        return new PandaStatParams(jira, collTypes, maxTask, start, stop);
    }

    /// <summary>Loads a file; unknown keys are passed to <paramref name="warn"/>.</summary>
    public static PandaStatParams Load(string path, Action<string> warn)
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
