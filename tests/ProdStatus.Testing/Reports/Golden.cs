namespace ProdStatus.Testing.Reports;

/// <summary>
/// Checked-in expected outputs under <c>tests/ProdStatus.Engine.Tests/Golden</c>. Run the tests with
/// <c>PRODSTAT_UPDATE_GOLDEN=1</c> to (re)write them, review the diff, and commit.
/// </summary>
public static class Golden
{
    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "ProdStatus.Engine.Tests", "Golden");

    /// <summary>Null when the file matches (or was just rewritten); otherwise what differs, for the assertion message.</summary>
    public static string? Compare(string name, string actual)
    {
        string path = Path.Combine(Directory, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("PRODSTAT_UPDATE_GOLDEN") == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return null;
        }
        if (!File.Exists(path))
        {
            return $"{path} does not exist: run the tests with PRODSTAT_UPDATE_GOLDEN=1, review it, commit it";
        }
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return null;
        }
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        return $"{path} differs at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}";
    }
}
