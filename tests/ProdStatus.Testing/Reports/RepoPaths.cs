namespace ProdStatus.Testing.Reports;

/// <summary>Files outside the test output: the repository root and the steering repo's shared folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Adaptive Card 1.5 schema, read from <c>../shared</c> (not copied into this repository).</summary>
    public static string AdaptiveCardSchema => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas", "adaptive-card.json"));

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
