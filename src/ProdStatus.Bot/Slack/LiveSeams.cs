using System.Text.Json.Nodes;

namespace ProdStatus.Bot.Slack;

/// <summary>More Home tab content for a user (the watch feature lists the user's watches here).</summary>
public interface IHomeTabSection
{
    Task<IReadOnlyList<JsonObject>> BlocksAsync(string userId, CancellationToken cancellationToken);
}
