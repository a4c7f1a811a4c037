using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Campaigns;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Diagnostics;
using ProdStatus.Engine.Failures;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Store;
using ProdStatus.Engine.Watch;

namespace ProdStatus.Engine;

/// <summary>Registers the engine: options (validated at start), store, renderers and collectors.</summary>
public static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddProdStatusEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptionsWithValidateOnStart<OutputOptions>().Bind(configuration.GetSection(OutputOptions.Section));
        services.AddOptionsWithValidateOnStart<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section));
        services.AddOptionsWithValidateOnStart<RenderingOptions>().Bind(configuration.GetSection(RenderingOptions.Section));
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<IValidateOptions<RenderingOptions>, RenderingOptionsValidator>();

        services.AddSingleton<StoreDatabase>();
        services.AddSingleton<PandaStatsRepository>();
        services.AddSingleton<PandaFailureRepository>();
        services.AddSingleton<CampaignVersions>();
        services.AddSingleton<Inbox.InboxRepository>();
        services.AddSingleton<Inbox.EffectJournal>();

        services.AddSingleton<FontLibrary>();
        services.AddSingleton<TablePngRenderer>();
        services.AddSingleton<TableOutputs>();

        services.AddFailureClassification(configuration);
        services.AddPandaCollector(configuration);
        services.AddSlackWeb(configuration);
        services.AddReports(configuration);
        services.AddButlerCollector(configuration);
        services.AddJira(configuration);
        services.AddTiming();
        services.AddCampaigns(configuration);
        services.AddDashboard(configuration);
        services.AddProdStatusHealthChecks();
        services.AddWatches(configuration);
        return services;
    }
}
