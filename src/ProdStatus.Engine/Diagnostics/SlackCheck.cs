using System.Text.Json;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>
/// Slack <c>auth.test</c> accepts the bot token, and the token's scopes (the <c>x-oauth-scopes</c> response header)
/// cover the enabled features. <c>auth.test</c> reads only.
/// </summary>
internal sealed class SlackCheck(IOptions<SlackWebOptions> options, IHttpClientFactory clients) : IHealthCheck
{
    public bool AtRuntime => false;

    /// <summary>The scopes each enabled feature needs: posting results and sharing PDF summaries in <c>Channel</c>.</summary>
    public static IReadOnlyList<(string Scope, string Feature)> RequiredScopes(SlackWebOptions o)
    {
        var scopes = new List<(string Scope, string Feature)>();
        if (!string.IsNullOrWhiteSpace(o.Channel) || o.LiveMessages)
        {
            scopes.Add(("chat:write", o.LiveMessages ? "live campaign messages and alerts" : $"posting to {SlackWebOptions.Section}:Channel"));
            scopes.Add(("files:write", "sharing PDF summaries"));
        }
        if (o.LiveMessages)
        {
            scopes.Add(("links:read", "link previews of Jira issues"));
            scopes.Add(("links:write", "link previews of Jira issues"));
        }
        return scopes;
    }

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        const string s = SlackWebOptions.Section;
        if (string.IsNullOrWhiteSpace(o.BotToken))
        {
            return [CheckResult.Skip($"Slack Web API: no bot token ({s}:BotToken)")];
        }
        var http = clients.CreateClient(nameof(SlackWebClient));
        try
        {
            using var response = await http.PostAsync("auth.test", new FormUrlEncodedContent([]), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return [CheckResult.Fail($"Slack: auth.test answered HTTP {(int)response.StatusCode}", $"check {s}:ApiBaseUrl")];
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (!body.RootElement.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
            {
                string error = body.RootElement.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown" : "unknown";
                return [CheckResult.Fail($"Slack: auth.test failed: {error}", $"check {s}:BotToken (the bot token, xoxb-…, of the installed app)")];
            }
            string team = body.RootElement.TryGetProperty("team", out var t) ? t.GetString() ?? "?" : "?";
            var results = new List<CheckResult> { CheckResult.Pass($"Slack: bot token valid for workspace {team}") };
            var granted = response.Headers.TryGetValues("x-oauth-scopes", out var values)
                ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var (scope, feature) in RequiredScopes(o))
            {
                results.Add(granted.Contains(scope)
                    ? CheckResult.Pass($"Slack: scope {scope} ({feature})")
                    : CheckResult.Fail($"Slack: the bot token lacks scope {scope} ({feature})",
                        $"add {scope} under OAuth & Permissions → Bot Token Scopes, reinstall the app, and update {s}:BotToken"));
            }
            return results;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or JsonException)
        {
            return [CheckResult.Fail($"Slack: {o.ApiBaseUrl} unreachable ({ex.Message})", $"check {s}:ApiBaseUrl and the network")];
        }
    }
}
