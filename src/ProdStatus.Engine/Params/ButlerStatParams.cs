namespace ProdStatus.Engine.Params;

/// <summary>
/// The original get-butler-stat parameter file: the get-panda-stat fields plus <c>Butler</c>, the repository
/// (a path or URI of <c>butler.yaml</c> or of its folder). Collection tokens match case-sensitively, as in the original.
/// </summary>
/// <param name="Campaign">Jira, collTypes, maxtask (0 = read every quantum), start_date, stop_date (inclusive).</param>
/// <param name="Butler">As written; a relative path is taken from the parameter file's folder.</param>
public sealed record ButlerStatParams(PandaStatParams Campaign, string Butler)
{
    /// <summary>The parameter file, for messages about <c>Butler</c>.</summary>
    public string Source { get; init; } = "parameter file";

    public static readonly string[] KnownFields = [.. PandaStatParams.KnownFields, "Butler"];

    public string Jira => Campaign.Jira;

    public static ButlerStatParams Read(ParamFile file)
    {
        var campaign = PandaStatParams.Read(file);
        string butler = file.RequiredString("Butler").Trim();
        return new ButlerStatParams(campaign, butler) { Source = file.Path };
    }

    /// <summary>Loads a file; unknown keys are passed to <paramref name="warn"/>.</summary>
    public static ButlerStatParams Load(string path, Action<string> warn)
    {
        var file = ParamFile.Load(path);
        var result = Read(file);
        if (!result.Butler.Contains("://", StringComparison.Ordinal) && !System.IO.Path.IsPathRooted(result.Butler))
        {
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            result = result with { Butler = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, result.Butler)) };
        }
        foreach (string key in file.UnusedKeys)
        {
            warn($"{path}: unknown key '{key}' ignored (known: {string.Join(", ", KnownFields)})");
        }
        return result;
    }
}
