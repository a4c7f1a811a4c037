using Microsoft.Extensions.DependencyInjection;

namespace ProdStatus.Samples;

public static class SamplesServiceCollectionExtensions
{
    /// <summary>Registers what <c>prodstat demo</c> needs on top of the engine.</summary>
    public static IServiceCollection AddProdStatusSamples(this IServiceCollection services)
    {
        services.AddTransient<JiraOutboxDemo>();
        return services;
    }
}
