using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Reads whole small files (metadata documents, <c>butler.yaml</c>) from a POSIX datastore or S3. A missing object
/// is a <see cref="DatastoreFileException"/> (counted by the caller); an S3 endpoint that fails otherwise
/// (credentials, network after the SDK's retries) stops the run with an <see cref="UpstreamException"/>.
/// </summary>
public sealed class DatastoreReader(IOptions<ButlerOptions> options) : IDisposable
{
    public const string Service = "Butler datastore";
    private readonly Lazy<IAmazonS3> _s3 = new(() => CreateS3Client(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, byte[]> _zips = new(StringComparer.Ordinal);

    public async Task<byte[]> ReadAsync(DatastoreLocation location, CancellationToken cancellationToken = default)
    {
        if (location.ZipMember is { } member)
        {
            return location.IsLocal ? ReadLocalZipMember(location, member) : ReadZipMember(await ZipAsync(location, cancellationToken), member, location);
        }
        return location.IsLocal ? ReadLocal(location.Uri)
            : location.IsS3 ? await ReadS3Async(location.Uri, cancellationToken)
            : throw new DatastoreFileException($"unsupported location scheme: {location.Uri}", missing: false);
    }

    /// <summary>Zip-ingested datasets share one archive: keep the last few remote archives instead of fetching one per member.</summary>
    private async Task<byte[]> ZipAsync(DatastoreLocation location, CancellationToken cancellationToken)
    {
        if (_zips.TryGetValue(location.Uri, out byte[]? cached))
        {
            return cached;
        }
        byte[] zip = location.IsS3 ? await ReadS3Async(location.Uri, cancellationToken)
            : throw new DatastoreFileException($"unsupported location scheme: {location.Uri}", missing: false);
        if (_zips.Count >= 4)
        {
            _zips.Clear();
        }
        _zips[location.Uri] = zip;
        return zip;
    }

    private byte[] ReadLocalZipMember(DatastoreLocation location, string member)
    {
        try
        {
            using var archive = ZipFile.OpenRead(location.Uri);
            return ReadEntry(archive, member, location);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatastoreFileException("zip file not found", missing: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new DatastoreFileException($"not a readable zip file: {ex.Message}", missing: false);
        }
    }

    /// <summary>
    /// Reads a file and hands its bytes to <paramref name="use"/>. A local file goes through a pooled buffer, so a scan
    /// of many small files allocates no array per file; the bytes are valid only during the call.
    /// </summary>
    public async Task<T> ReadAsync<T>(DatastoreLocation location, Func<ReadOnlySpan<byte>, T> use, CancellationToken cancellationToken = default)
    {
        if (location.ZipMember is null && location.IsLocal)
        {
            return ReadLocal(location.Uri, use);
        }
        return use(await ReadAsync(location, cancellationToken));
    }

    private byte[] ReadLocal(string path) => ReadLocal(path, static bytes => bytes.ToArray());

    private T ReadLocal<T>(string path, Func<ReadOnlySpan<byte>, T> use)
    {
        byte[]? buffer = null;
        try
        {
            int read = 0;
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                long length = RandomAccess.GetLength(handle);
                CheckSize(length, path);
                buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, length));
                while (read < length)
                {
                    int n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                    if (n == 0)
                    {
                        break;
                    }
                    read += n;
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new DatastoreFileException("file not found", missing: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DatastoreFileException($"cannot read: {ex.Message}", missing: false);
            }
            return use(buffer.AsSpan(0, read));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<byte[]> ReadS3Async(string uri, CancellationToken cancellationToken)
    {
        var (bucket, key) = DatastoreLocation.SplitS3(uri);
        try
        {
            using var response = await _s3.Value.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            CheckSize(response.ContentLength, uri);
            using var memory = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 4096);
            await response.ResponseStream.CopyToAsync(memory, cancellationToken);
            return memory.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new DatastoreFileException(ex.ErrorCode == "NoSuchBucket" ? $"bucket '{bucket}' not found" : "object not found", missing: true);
        }
        catch (AmazonServiceException ex)
        {
            throw new UpstreamException(Service, $"s3://{bucket}: {ex.StatusCode} {ex.ErrorCode}: {ex.Message}", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new UpstreamException(Service, $"s3://{bucket}: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(Service, $"s3://{bucket}: {ex.Message}", ex);
        }
    }

    private byte[] ReadZipMember(byte[] zip, string member, DatastoreLocation location)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            return ReadEntry(archive, member, location);
        }
        catch (InvalidDataException ex)
        {
            throw new DatastoreFileException($"not a readable zip file: {ex.Message}", missing: false);
        }
    }

    private byte[] ReadEntry(ZipArchive archive, string member, DatastoreLocation location)
    {
        var entry = archive.GetEntry(member) ?? throw new DatastoreFileException($"no member '{member}' in {location.Uri}", missing: true);
        CheckSize(entry.Length, location.ToString());
        using var stream = entry.Open();
        using var memory = new MemoryStream((int)entry.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private void CheckSize(long length, string where)
    {
        if (length > options.Value.MaxMetadataBytes)
        {
            throw new DatastoreFileException(
                $"{length} bytes is more than {ButlerOptions.Section}:MaxMetadataBytes ({options.Value.MaxMetadataBytes}): {where}", missing: false);
        }
    }

    private static AmazonS3Client CreateS3Client(ButlerOptions o)
    {
        string? endpoint = o.S3EndpointUrl is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable("S3_ENDPOINT_URL") is { Length: > 0 } lsst ? lsst
            : null;
        var config = new AmazonS3Config { ForcePathStyle = o.S3ForcePathStyle };
        string region = o.S3Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        return new AmazonS3Client(S3Credentials(o), config);
    }

    /// <summary>
    /// Configured keys, else the standard environment variables, else a shared-credentials profile. Never the EC2
    /// instance-metadata service the SDK would otherwise try (a link-local network call that cannot succeed here).
    /// </summary>
    private static AWSCredentials S3Credentials(ButlerOptions o)
    {
        if (o.S3AccessKeyId is { Length: > 0 } id)
        {
            return new BasicAWSCredentials(id, o.S3SecretAccessKey);
        }
        if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 })
        {
            return new EnvironmentVariablesAWSCredentials();
        }
        string profile = Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } named ? named : "default";
        if (new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile))
        {
            return fromProfile;
        }
        throw new UserInputException(
            $"no S3 credentials: set {ButlerOptions.Section}:S3AccessKeyId and S3SecretAccessKey, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an AWS profile '{profile}'");
    }

    public void Dispose()
    {
        if (_s3.IsValueCreated)
        {
            _s3.Value.Dispose();
        }
    }
}

/// <summary>One file could not be read; the scan counts it and goes on.</summary>
public sealed class DatastoreFileException(string message, bool missing) : Exception(message)
{
    /// <summary>The file or object does not exist (as opposed to unreadable).</summary>
    public bool Missing { get; } = missing;
}
