using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>The Teams Workflows webhook URL is well formed. It is never posted to (every post shows in the channel).</summary>
internal sealed class TeamsCheck(IOptions<TeamsOptions> options) : IHealthCheck
{
    public bool AtRuntime => true;

    public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        const string key = TeamsOptions.Section + ":WebhookUrl";
        string? url = options.Value.WebhookUrl;
        CheckResult result;
        if (string.IsNullOrWhiteSpace(url))
        {
            result = CheckResult.Skip($"Teams: no webhook ({key})");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            // The URL is a capability: messages name the key, never the value.
            result = CheckResult.Fail("Teams: the webhook URL is not an absolute https URL", $"copy the URL of the Workflows trigger into {key}");
        }
        else if (!uri.Query.Contains("sig=", StringComparison.Ordinal))
        {
            result = CheckResult.Fail("Teams: the webhook URL has no sig= parameter (it was cut short?)", $"copy the whole URL of the Workflows trigger into {key}");
        }
        else
        {
            result = CheckResult.Pass($"Teams: webhook URL well formed (host {uri.Host}; not posted to)");
        }
        return Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}
