using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Configuration;

/// <summary>Where statistics files go. Section <c>ProdStatus:Output</c>.</summary>
public sealed class OutputOptions
{
    public const string Section = "ProdStatus:Output";

    /// <summary>Data directory. <value>Default: <c>$XDG_DATA_HOME/ProdStat</c> or <c>~/.local/share/ProdStat</c>; required
    /// when there is no home directory (containers often have none).</value></summary>
    public string? DataDir { get; set; }

    /// <summary>The data directory with the default applied.</summary>
    /// <exception cref="UserInputException">No DataDir, no absolute XDG_DATA_HOME and no existing home directory.</exception>
    public string ResolveDataDir() =>
        Resolve(DataDir, Environment.GetEnvironmentVariable("XDG_DATA_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// The default never lands under the current directory: a relative XDG_DATA_HOME is ignored (the XDG spec says so)
    /// and a home directory that is unset or does not exist is an error naming the key to set.
    /// </summary>
    internal static string Resolve(string? dataDir, string? xdgDataHome, string? home)
    {
        if (!string.IsNullOrWhiteSpace(dataDir))
        {
            return ExpandHome(dataDir, home);
        }
        if (!string.IsNullOrWhiteSpace(xdgDataHome) && Path.IsPathFullyQualified(xdgDataHome))
        {
            return Path.Combine(xdgDataHome, "ProdStat");
        }
        return Path.Combine(RequireHome(home, $"{Section}:DataDir is not set"), ".local", "share", "ProdStat");
    }

    /// <summary>Expands a leading <c>~</c> to the home directory.</summary>
    public static string ExpandHome(string path) => ExpandHome(path, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string ExpandHome(string path, string? home)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(RequireHome(home, $"'{path}' starts with ~"), path.Length > 2 ? path[2..] : "");
        }
        return path;
    }

    private static string RequireHome(string? home, string why) =>
        !string.IsNullOrWhiteSpace(home) && Path.IsPathFullyQualified(home) && Directory.Exists(home)
            ? home
            : throw new UserInputException(
                $"{why} and there is no home directory ({(string.IsNullOrWhiteSpace(home) ? "HOME is not set" : $"{home} does not exist")}): " +
                $"set {Section}:DataDir (ProdStatus__Output__DataDir)");
}
