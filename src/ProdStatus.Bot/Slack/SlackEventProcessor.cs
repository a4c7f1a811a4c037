using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Bot.Slack;

/// <summary>
/// Queued Events API deliveries: <c>link_shared</c> gets a compact preview for each link to a tracked issue (one
/// <c>chat.unfurl</c> keyed by the exact URLs; none when no link qualifies), <c>app_home_opened</c> gets the Home tab.
/// </summary>
public sealed partial class SlackEventProcessor(
    SlackWebClient web,
    LiveMessageRepository store,
    IOptions<ReportOptions> reports,
    IEnumerable<IHomeTabSection> sections)
{
    public async Task ProcessAsync(InboxJob job, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize(job.Payload, SlackLiveJson.Default.SlackEventJob)!;
        switch (e.Type)
        {
            case "link_shared":
                await UnfurlAsync(e, cancellationToken);
                break;
            case "app_home_opened" when e.Tab is null or "home" && e.User is { Length: > 0 } user:
                await PublishHomeAsync(user, cancellationToken);
                break;
        }
    }

    /// <summary>The issue key a link names, when it starts with <c>ProdStatus:Reports:JiraBrowseUrl</c>; else null.</summary>
    public static string? IssueOf(string url, string? browseUrl)
    {
        if (browseUrl is not { Length: > 0 } prefix || !url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string rest = url[prefix.Length..].TrimStart('/');
        int end = rest.IndexOfAny(['?', '#', '/']);
        string key = end < 0 ? rest : rest[..end];
        return IssueKey().IsMatch(key) ? key.ToUpperInvariant() : null;
    }

    private async Task UnfurlAsync(SlackEventJob e, CancellationToken cancellationToken)
    {
        var unfurls = new JsonObject();
        foreach (string url in e.Urls.Distinct(StringComparer.Ordinal))
        {
            if (IssueOf(url, reports.Value.JiraBrowseUrl) is { } issue && await store.GetCampaignStateAsync(issue, cancellationToken) is { } state)
            {
                unfurls[url] = LiveBlocks.Unfurl(issue, url, state);
            }
        }
        if (unfurls.Count == 0)
        {
            return; // unknown or untracked issues: no preview, and no error either
        }
        var target = e.UnfurlId is { Length: > 0 } id && e.Source is { Length: > 0 } source
            ? new JsonObject { ["unfurl_id"] = id, ["source"] = source }
            : new JsonObject { ["channel"] = e.Channel, ["ts"] = e.MessageTs };
        await web.UnfurlAsync(target, unfurls, cancellationToken);
    }

    private async Task PublishHomeAsync(string user, CancellationToken cancellationToken)
    {
        var live = await store.ListAsync(cancellationToken: cancellationToken);
        var more = new List<JsonObject>();
        foreach (var section in sections)
        {
            more.AddRange(await section.BlocksAsync(user, cancellationToken));
        }
        await web.PublishViewAsync(user, LiveBlocks.Home(live, more), cancellationToken);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]+-[0-9]+$")]
    private static partial Regex IssueKey();
}
