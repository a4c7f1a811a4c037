using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Samples;

namespace ProdStatus.Testing.Dashboard;

/// <summary>
/// Fills a store with the sample campaign as <c>prodstat demo</c> does (get-panda-stat and prep-timing-data against the
/// in-process sample monitor), writing get-panda-stat's tables to <paramref name="outDir"/> for comparisons.
/// </summary>
public static class SampleCampaignStore
{
    public const string Jira = SampleCampaign.Jira;

    public static async Task<PandaStatJobResult> FillAsync(IServiceProvider services, string outDir, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<HttpTransport>().InProcess = () => new SimulatorHandler(new PandaMonitorSimulator(SampleCampaign.Create()));
        var panda = PandaStatParams.Read(ParamFile.Parse("panda-params.yaml", new StringReader(SampleCampaign.ParamFile)));
        var timing = TimingParams.Read(ParamFile.Parse("timing-params.yaml", new StringReader(SampleTiming.ParamFile)));
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PandaStatJob>().RunAsync(panda, cleanHistory: true, outDir, null, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<TimingJob>().PrepAsync(timing, outDir, null, cancellationToken);
        return result;
    }
}
