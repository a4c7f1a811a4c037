using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;

namespace ProdStatus.Bot.Worker;

/// <summary>get-panda-stat for a production issue as the bot runs it: every workflow naming it in the look-back window.</summary>
public sealed class CampaignStatsRunner(IServiceProvider services, IOptions<WorkerOptions> options, IOptions<OutputOptions> output, TimeProvider time)
{
    public async Task<PandaStatJobResult> RunAsync(string issue, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var o = options.Value;
        var parameters = new PandaStatParams(issue, o.DefaultCollTypes.Count > 0 ? o.DefaultCollTypes : [issue], 0,
            today.AddDays(-o.LookbackDays), today);
        string outDir = Path.Combine(output.Value.ResolveDataDir(), "bot", issue.ToUpper(CultureInfo.InvariantCulture));
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PandaStatJob>().RunAsync(parameters, cleanHistory: false, outDir, null, cancellationToken);
    }
}
