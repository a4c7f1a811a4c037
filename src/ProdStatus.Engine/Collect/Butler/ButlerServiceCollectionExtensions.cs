using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Collect.Butler;

public static class ButlerServiceCollectionExtensions
{
    /// <summary>get-butler-stat: options (section <c>ProdStatus:Butler</c>, validated at start), datastore reader, history, job.</summary>
    public static IServiceCollection AddButlerCollector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ButlerOptions>().Bind(configuration.GetSection(ButlerOptions.Section));
        services.AddSingleton<IValidateOptions<ButlerOptions>, ButlerOptionsValidator>();
        services.AddSingleton<DatastoreReader>();
        services.AddSingleton<ButlerStatsRepository>();
        services.AddTransient<ButlerStatService>();
        services.AddTransient<Jobs.ButlerStatJob>();
        services.AddTransient<Drp.IButlerStatSource, ButlerStatSource>();
        return services;
    }
}
