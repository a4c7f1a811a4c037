using System.Text.Json.Nodes;

namespace ProdStatus.Bot.Slack;

/// <summary>Links the live message offers besides Jira: the campaign dashboard, once one is configured.</summary>
public interface ICampaignLinks
{
    /// <summary>The dashboard page of <paramref name="issue"/>, or null when there is none (no button then).</summary>
    Uri? Dashboard(string issue);
}

/// <summary>The default: no dashboard link.</summary>
internal sealed class NoCampaignLinks : ICampaignLinks
{
    public Uri? Dashboard(string issue) => null;
}

/// <summary>More Home tab content for a user (the watch feature lists the user's watches here).</summary>
public interface IHomeTabSection
{
    Task<IReadOnlyList<JsonObject>> BlocksAsync(string userId, CancellationToken cancellationToken);
}
