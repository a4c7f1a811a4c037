using Microsoft.Extensions.DependencyInjection;

namespace ProdStatus.Engine.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The checks of <c>prodstat doctor</c> (and, those marked <see cref="IHealthCheck.AtRuntime"/>, of the bot's <c>/readyz</c>), in print order.</summary>
    public static IServiceCollection AddProdStatusHealthChecks(this IServiceCollection services)
    {
        services.AddHttpClient("prodstat-doctor");
        services.AddSingleton<IHealthCheck, PandaTokenCheck>();
        services.AddSingleton<IHealthCheck, PandaMonitorCheck>();
        services.AddSingleton<IHealthCheck, JiraCheck>();
        services.AddSingleton<IHealthCheck, SlackCheck>();
        services.AddSingleton<IHealthCheck, TeamsCheck>();
        services.AddSingleton<IHealthCheck, StoreCheck>();
        services.AddSingleton<IHealthCheck, FontsCheck>();
        services.AddSingleton<IHealthCheck, ButlerCheck>();
        services.AddSingleton<HealthCheckRunner>();
        return services;
    }
}
