using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ProdStatus.Engine.Collect.Http;

/// <summary>
/// How a collector reaches its service in this process: live, live while recording answers, or replaying a folder.
/// Set by the front end before the first request.
/// </summary>
public sealed class HttpTransport
{
    public string? RecordFolder { get; private set; }

    public string? ReplayFolder { get; private set; }

    public void Record(string folder)
    {
        RecordFolder = Path.GetFullPath(folder);
        ReplayFolder = null;
    }

    public void Replay(string folder)
    {
        ReplayFolder = Path.GetFullPath(folder);
        RecordFolder = null;
    }

    /// <summary>An in-process stand-in for the remote service (the demo's sample monitor); recording still applies.</summary>
    public Func<HttpMessageHandler>? InProcess { get; set; }

    public HttpMessageHandler CreatePrimaryHandler(string? caCertificateFile)
    {
        if (ReplayFolder is { } folder)
        {
            return new ReplayHandler(folder);
        }
        if (InProcess is { } create)
        {
            return create();
        }
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        };
        if (!string.IsNullOrWhiteSpace(caCertificateFile))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(Configuration.OutputOptions.ExpandHome(caCertificateFile));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == System.Net.Security.SslPolicyErrors.None)
                {
                    return true;
                }
                if (certificate is null || (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = new X509Certificate2(certificate);
                return chain.Build(leaf);
            };
        }
        return handler;
    }
}
