namespace ProdStatus.Engine.Drp;

/// <summary>
/// Butler statistics of one workflow for update-stat: the <c>butlerStat</c> Jira text (title line, table name line,
/// table) or null when the repository has nothing for it. Registered by the Butler collector; when none is registered,
/// update-stat writes the PanDA part and says that Butler statistics are unavailable.
/// </summary>
public interface IButlerStatSource
{
    Task<string?> GetButlerStatTextAsync(ButlerStatRequest request, CancellationToken cancellationToken = default);
}

/// <param name="ButlerConfig">The workflow's own <c>butlerConfig</c> from its DRP issue (the original used a fixed URI).</param>
/// <param name="Timestamp">Upper-case <c>YYYYMMDDTHHMMSSZ</c>; the RUN collections end in it.</param>
/// <param name="HistoryKey">Key to keep statistics under: one per DRP issue, so runs for different workflows do not mix.</param>
public sealed record ButlerStatRequest(string ProductionIssue, string DrpIssue, string? ButlerConfig, string Timestamp, string HistoryKey);
