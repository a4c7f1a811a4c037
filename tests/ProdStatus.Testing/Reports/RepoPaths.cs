namespace ProdStatus.Testing.Reports;

/// <summary>Files outside the test output: the repository root, and files named by environment variables.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The file named by the environment variable <paramref name="variable"/> (relative paths against the repository
    /// root); null when the variable is not set. A variable naming a missing file is an error, not a skip.
    /// </summary>
    public static string? OptionalFile(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        string path = Path.GetFullPath(value, Root);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{variable}: {path} not found", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProdStatus.Bot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"ProdStatus.Bot.sln not found above {AppContext.BaseDirectory}");
    }
}
