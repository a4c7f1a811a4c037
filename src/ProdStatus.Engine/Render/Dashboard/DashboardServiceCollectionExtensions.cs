using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Dashboard;

namespace ProdStatus.Engine.Render.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>Dashboard options (<c>ProdStatus:Dashboard</c>), signed links (<see cref="ICampaignLinks"/>), the store reader and the page renderer.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section));
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<DashboardLinks>();
        services.AddSingleton<ICampaignLinks>(sp => sp.GetRequiredService<DashboardLinks>());
        services.AddSingleton<DashboardCharts>();
        services.AddSingleton<DashboardPageRenderer>();
        services.AddTransient<CampaignDashboardBuilder>();
        services.AddSingleton<CampaignPages>();
        return services;
    }
}
