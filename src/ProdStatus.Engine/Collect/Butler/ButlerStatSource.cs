using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// update-stat's Butler part: get-butler-stat on the DRP issue's own <c>butlerConfig</c> (the original used one fixed
/// repository), for the RUN collections of that submission, with history kept per DRP issue.
/// </summary>
internal sealed class ButlerStatSource(ButlerStatService service, Microsoft.Extensions.Options.IOptions<Configuration.ButlerOptions> options) : IButlerStatSource
{
    public async Task<string?> GetButlerStatTextAsync(ButlerStatRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.ButlerConfig) || !WorkflowTimestamp.TryParse(request.Timestamp, out var stamp))
        {
            return null;
        }
        if (!ButlerRoots.Allows(options.Value.AllowedRoots, request.ButlerConfig.Trim()))
        {
            throw new Errors.UserInputException(
                $"{request.DrpIssue}: butlerConfig '{request.ButlerConfig.Trim()}' is not under {Configuration.ButlerOptions.Section}:AllowedRoots");
        }
        var day = DateOnly.FromDateTime(stamp.Utc.UtcDateTime);
        var campaign = new PandaStatParams(request.ProductionIssue, [stamp.Key], 0, day, day) { HistoryKey = request.HistoryKey };
        var parameters = new ButlerStatParams(campaign, request.ButlerConfig.Trim()) { Source = $"{request.DrpIssue} butlerConfig" };
        var result = await service.CollectAsync(parameters, cleanHistory: false, progress: null, cancellationToken);
        return result.RunsSelected == 0 && result.Rows.Count == 0 ? null : JiraWikiTableWriter.Write(result.Table);
    }
}
