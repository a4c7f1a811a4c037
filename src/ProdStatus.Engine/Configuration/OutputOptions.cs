namespace ProdStatus.Engine.Configuration;

/// <summary>Where statistics files go. Section <c>ProdStatus:Output</c>.</summary>
public sealed class OutputOptions
{
    public const string Section = "ProdStatus:Output";

    /// <summary>Data directory. <value>Default: <c>$XDG_DATA_HOME/ProdStat</c> or <c>~/.local/share/ProdStat</c>.</value></summary>
    public string? DataDir { get; set; }

    /// <summary>The data directory with the default applied.</summary>
    public string ResolveDataDir()
    {
        if (!string.IsNullOrWhiteSpace(DataDir))
        {
            return ExpandHome(DataDir);
        }
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "ProdStat");
    }

    /// <summary>Expands a leading <c>~</c> to the home directory.</summary>
    public static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
        }
        return path;
    }
}
