using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>
/// The campaign pages as the bot serves them. Building a page (reading tens of thousands of job rows, drawing four
/// charts) costs far more than a view should, and the data only changes when a refresh writes the store. So the
/// assembled <see cref="CampaignDashboard"/> and its rendered sections are kept per campaign together with the
/// campaign's store version (<see cref="CampaignVersions"/>): a view reads that version with one primary-key lookup and
/// is served from memory while it is unchanged; any write of the campaign's data raises it and the next view builds the
/// page again. At most <see cref="DashboardOptions.CachedCampaigns"/> campaigns are kept, least recently viewed dropped first.
/// </summary>
public sealed class CampaignPages(CampaignDashboardBuilder builder, DashboardPageRenderer renderer, CampaignVersions versions,
    TimeProvider time, IOptions<DashboardOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<CampaignPage>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<CampaignPage> _recent = new(); // most recently viewed first

    /// <summary>Campaigns held in memory now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The campaign's page as of the store now, or null when the store has nothing for it.</summary>
    public async Task<CampaignPage?> GetAsync(string issue, CancellationToken cancellationToken = default)
    {
        string jira = DashboardLinks.Normalize(issue);
        // The version is read before the data: whatever is read after it is at least as new, so a page kept under a
        // version never shows less than that version wrote.
        long version = await versions.GetAsync(jira, cancellationToken);
        if (Find(jira, version) is { } kept)
        {
            return kept with { Dashboard = kept.Dashboard with { GeneratedUtc = time.GetUtcNow() } };
        }
        var dashboard = await builder.BuildAsync(jira, cancellationToken);
        if (dashboard is null)
        {
            Forget(jira);
            return null;
        }
        var page = new CampaignPage(jira, version, dashboard, renderer.Sections(dashboard));
        Keep(page);
        return page;
    }

    private CampaignPage? Find(string jira, long version)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(jira, out var node) || node.Value.Version != version)
            {
                return null;
            }
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }
    }

    private void Keep(CampaignPage page)
    {
        int capacity = options.Value.CachedCampaigns;
        if (capacity <= 0)
        {
            return;
        }
        lock (_gate)
        {
            if (_entries.TryGetValue(page.Jira, out var old))
            {
                _recent.Remove(old);
            }
            _entries[page.Jira] = _recent.AddFirst(page);
            while (_entries.Count > capacity)
            {
                var last = _recent.Last!;
                _recent.RemoveLast();
                _entries.Remove(last.Value.Jira);
            }
        }
    }

    private void Forget(string jira)
    {
        lock (_gate)
        {
            if (_entries.Remove(jira, out var node))
            {
                _recent.Remove(node);
            }
        }
    }
}

/// <summary>One campaign's page: the data and the HTML of its sections (charts included) that do not depend on the request.</summary>
/// <param name="Version">The campaign's store version the page was built at.</param>
public sealed record CampaignPage(string Jira, long Version, CampaignDashboard Dashboard, string Sections);
