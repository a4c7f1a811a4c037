using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Engine.Campaigns;

public static class CampaignServiceCollectionExtensions
{
    /// <summary>The campaign and step commands (create-campaign-yaml, update-campaign, create-step-yaml, update-step). Needs <c>AddJira</c>.</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.Section));
        services.AddSingleton<IValidateOptions<CampaignOptions>, CampaignOptionsValidator>();
        services.AddTransient<CampaignIssues>();
        services.AddTransient<StepPublisher>();
        services.AddTransient<StepJob>();
        services.AddTransient<CampaignJob>();
        return services;
    }
}
