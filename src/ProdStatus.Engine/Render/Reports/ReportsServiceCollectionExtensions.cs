using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Publish.Teams;
using ProdStatus.Engine.Render.Pdf;

namespace ProdStatus.Engine.Render.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Report options (<c>ProdStatus:Reports</c>, <c>ProdStatus:Teams</c>), the PDF/card/Slack renderers and the Teams client.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section));
        services.AddOptionsWithValidateOnStart<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section));
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddSingleton<CampaignReportBuilder>();
        services.AddSingleton<CampaignPdfRenderer>();
        services.AddSingleton<ReportWriter>();
        services.AddTransient<ReportPdfJob>();
        services.AddTeamsWebhook();
        return services;
    }
}
