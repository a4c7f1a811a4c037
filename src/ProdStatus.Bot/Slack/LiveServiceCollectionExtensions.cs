using ProdStatus.Bot.Worker;

namespace ProdStatus.Bot.Slack;

/// <summary>Registers live campaign messages: the service, the buttons, the event processor, the refresh scheduler.</summary>
internal static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddSlackLive(this IServiceCollection services)
    {
        services.AddTransient<LiveMessages>();
        services.AddTransient<SlackEventProcessor>();
        services.AddTransient<IJobHandler, SlackActionJobHandler>();
        services.AddTransient<IJobHandler, SlackEventJobHandler>();
        services.AddSingleton<SlackActionRegistry>();
        services.AddSlackAction<RefreshActionHandler>(LiveBlocks.Refresh);
        services.AddSlackAction<PdfActionHandler>(LiveBlocks.Pdf);
        services.AddSlackAction<MuteActionHandler>(LiveBlocks.Mute);
        services.AddHostedService<LiveRefreshScheduler>();
        return services;
    }
}
