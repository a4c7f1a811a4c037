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
/// page again. That build reuses what the write cannot have changed: the job-time summary while the jobs version is
/// unchanged (get-panda-stat does not write job times), and every chart whose data is unchanged (<see cref="ChartMemo"/>).
/// At most <see cref="DashboardOptions.CachedCampaigns"/> campaigns are kept, least recently viewed dropped first.
/// </summary>
public sealed class CampaignPages(CampaignDashboardBuilder builder, DashboardPageRenderer renderer, CampaignVersions versions,
    TimeProvider time, IOptions<DashboardOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = new(); // most recently viewed first

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
        var version = await versions.GetAsync(jira, cancellationToken);
        var kept = Find(jira);
        if (kept is not null && kept.Version == version)
        {
            return kept.Page with { Dashboard = kept.Page.Dashboard with { GeneratedUtc = time.GetUtcNow() } };
        }
        var build = await builder.BuildAsync(jira, kept?.Version.JobsVersion == version.JobsVersion ? kept.Jobs : null, cancellationToken);
        if (build is null)
        {
            Forget(jira);
            return null;
        }
        var charts = new ChartMemo(kept?.Charts);
        var page = new CampaignPage(jira, version.Version, build.Dashboard, renderer.Sections(build.Dashboard, charts));
        Keep(new Entry(page, version, build.Jobs, charts));
        return page;
    }

    private Entry? Find(string jira)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(jira, out var node))
            {
                return null;
            }
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }
    }

    private void Keep(Entry entry)
    {
        int capacity = options.Value.CachedCampaigns;
        if (capacity <= 0)
        {
            return;
        }
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Page.Jira, out var old))
            {
                _recent.Remove(old);
            }
            _entries[entry.Page.Jira] = _recent.AddFirst(entry);
            while (_entries.Count > capacity)
            {
                var last = _recent.Last!;
                _recent.RemoveLast();
                _entries.Remove(last.Value.Page.Jira);
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

    /// <summary>A kept page with what the next build after a refresh may reuse.</summary>
    private sealed record Entry(CampaignPage Page, CampaignVersion Version, JobSeries Jobs, ChartMemo Charts);
}

/// <summary>One campaign's page: the data and the HTML of its sections (charts included) that do not depend on the request.</summary>
/// <param name="Version">The campaign's store version the page was built at.</param>
public sealed record CampaignPage(string Jira, long Version, CampaignDashboard Dashboard, string Sections);
