namespace ProdStatus.Engine.Output;

/// <summary>Writes files so that a reader sees either the old content or the new one, never half of it.</summary>
public static class AtomicFile
{
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(content), cancellationToken);

    /// <summary>Writes a set of files only after every one of them has been produced in memory.</summary>
    public static async Task WriteAllAsync(IEnumerable<OutputFile> files, CancellationToken cancellationToken = default)
    {
        foreach (var file in files)
        {
            await WriteAllBytesAsync(file.Path, file.Content, cancellationToken);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A rendered output waiting to be written.</summary>
public sealed record OutputFile(string Path, ReadOnlyMemory<byte> Content);
