using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Render.Plots;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Jobs;

public static class TimingServiceCollectionExtensions
{
    /// <summary>prep-timing-data and plot-data: job-times store, collector, plot renderer and the job. Needs the PanDA
    /// collector (<c>AddPandaCollector</c>), the store and the font library.</summary>
    public static IServiceCollection AddTiming(this IServiceCollection services)
    {
        services.AddSingleton<PandaJobTimesRepository>();
        services.AddSingleton<TimingPlotRenderer>();
        services.AddTransient<TimingDataService>();
        services.AddTransient<TimingPlotJob>();
        services.AddTransient<TimingJob>();
        return services;
    }
}
