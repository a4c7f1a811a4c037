using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>The S3 endpoint of Butler datastores answers (any HTTP answer; nothing is read or written), and given repository roots exist.</summary>
public sealed class ButlerCheck(IOptions<ButlerOptions> options, IHttpClientFactory clients) : IHealthCheck
{
    public bool AtRuntime => false;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        const string key = ButlerOptions.Section + ":S3EndpointUrl";
        string? endpoint = options.Value.S3EndpointUrl is { Length: > 0 } e ? e : Environment.GetEnvironmentVariable("S3_ENDPOINT_URL");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return [CheckResult.Skip($"Butler S3: no endpoint ({key} or S3_ENDPOINT_URL)")];
        }
        using var http = clients.CreateClient("prodstat-doctor");
        http.Timeout = TimeSpan.FromSeconds(15);
        try
        {
            using var response = await http.GetAsync(new Uri(endpoint), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return [CheckResult.Pass($"Butler S3: {endpoint} answers (HTTP {(int)response.StatusCode})")];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return [CheckResult.Fail($"Butler S3: {endpoint} unreachable ({ex.Message})", $"check {key} and the network")];
        }
    }

    /// <summary>Local repository roots (a folder holding <c>butler.yaml</c>); <c>s3://</c> roots are covered by the endpoint check.</summary>
    public static IReadOnlyList<CheckResult> Roots(IEnumerable<string> roots) =>
    [
        .. roots.Where(r => !r.Contains("://", StringComparison.Ordinal)).Select(root =>
        {
            string path = OutputOptions.ExpandHome(root);
            string dir = path.EndsWith(".yaml", StringComparison.Ordinal) ? Path.GetDirectoryName(path) ?? path : path;
            return File.Exists(Path.Combine(dir, "butler.yaml"))
                ? CheckResult.Pass($"Butler: repository {root} exists")
                : CheckResult.Fail($"Butler: no repository at {root} (no butler.yaml)", "check the Butler path in the parameter file, and that the file system is mounted");
        }),
    ];
}
