using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Watch;

public static class WatchServiceCollectionExtensions
{
    /// <summary>Watch options (validated at start), the watch store and the poll engine.</summary>
    public static IServiceCollection AddWatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<WatchOptions>().Bind(configuration.GetSection(WatchOptions.Section));
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchOptionsValidator>();
        services.AddSingleton<WatchRepository>();
        services.AddSingleton<WatchTargetRepository>();
        services.AddTransient<WatchEngine>();
        services.AddSingleton<Render.Plots.ProgressPlotRenderer>();
        services.AddTransient<ShiftDigest>();
        return services;
    }
}
