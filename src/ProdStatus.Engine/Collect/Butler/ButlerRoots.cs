namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Bounds for Butler paths that come from outside (a Jira description): a path is allowed when it lies under one of
/// <c>ProdStatus:Butler:AllowedRoots</c>, compared after normalisation (no <c>..</c> escapes, whole path segments).
/// </summary>
public static class ButlerRoots
{
    public static bool Allows(IReadOnlyList<string> roots, string path) => roots.Any(root => Under(root, path));

    private static bool Under(string root, string path)
    {
        if (root.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            if (!root.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || !path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) ||
                path.Split('/').Any(segment => segment is ".." or "."))
            {
                return false;
            }
            string prefix = root.TrimEnd('/');
            return string.Equals(path, prefix, StringComparison.Ordinal) || path.StartsWith(prefix + "/", StringComparison.Ordinal);
        }
        if (path.Contains("://", StringComparison.Ordinal) || !Path.IsPathRooted(path) || !Path.IsPathRooted(root))
        {
            return false;
        }
        string full = Path.GetFullPath(path);
        string top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        return string.Equals(full, top, StringComparison.Ordinal) || full.StartsWith(top + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
