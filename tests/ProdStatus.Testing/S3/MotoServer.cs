using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ProdStatus.Testing.S3;

/// <summary>
/// <c>moto_server</c> (an S3 fake) on 127.0.0.1 and a free port for the lifetime of a test fixture. Credentials
/// are dummies; <see cref="Client"/> talks to it with path-style addressing.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    public IAmazonS3 Client { get; private set; } = null!;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        int port = FreePort();
        var start = new ProcessStartInfo("moto_server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start moto_server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(Endpoint, cancellationToken);
                break;
            }
            catch (HttpRequestException) when (attempt < 150 && !_process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        Client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    public async Task PutAsync(string bucket, string key, byte[] content, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content);
        await Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream }, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
