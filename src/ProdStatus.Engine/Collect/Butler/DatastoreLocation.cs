namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Where a dataset's file lives, from <c>file_datastore_records.path</c> and the datastore root
/// (<c>stored_file_info.py:file_location</c>): a relative path joins the root, an absolute URI or POSIX path is used
/// as is, and <c>#zip-path=member</c> names a member of a zip file.
/// </summary>
/// <param name="Uri">A POSIX path, or a URI with a scheme (<c>s3://</c>, <c>https://</c>).</param>
public sealed record DatastoreLocation(string Uri, string? ZipMember)
{
    private const string ZipFragment = "#zip-path=";

    public bool IsS3 => Uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    public bool IsLocal => !Uri.Contains("://", StringComparison.Ordinal);

    public override string ToString() => ZipMember is null ? Uri : Uri + ZipFragment + ZipMember;

    public static DatastoreLocation Resolve(string root, string path)
    {
        string? member = null;
        int fragment = path.IndexOf(ZipFragment, StringComparison.Ordinal);
        if (fragment >= 0)
        {
            member = path[(fragment + ZipFragment.Length)..];
            path = path[..fragment];
        }
        string uri;
        if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            uri = System.Uri.UnescapeDataString(path["file://".Length..]);
        }
        else if (path.Contains("://", StringComparison.Ordinal) || path.StartsWith('/'))
        {
            uri = path;
        }
        else
        {
            uri = NormalizeRoot(root) + "/" + path.TrimStart('/');
        }
        return new DatastoreLocation(uri, member);
    }

    /// <summary><c>file:///repo</c> → <c>/repo</c>; other roots unchanged, without a trailing slash.</summary>
    public static string NormalizeRoot(string root)
    {
        string trimmed = root.TrimEnd('/');
        return trimmed.StartsWith("file://", StringComparison.OrdinalIgnoreCase)
            ? System.Uri.UnescapeDataString(trimmed["file://".Length..])
            : trimmed.Length == 0 ? "/" : trimmed;
    }

    /// <summary>Splits <c>s3://bucket/key</c>.</summary>
    public static (string Bucket, string Key) SplitS3(string uri)
    {
        string rest = uri["s3://".Length..];
        int slash = rest.IndexOf('/');
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
    }
}
