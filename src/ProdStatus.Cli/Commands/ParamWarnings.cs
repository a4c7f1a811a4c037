using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProdStatus.Cli.Commands;

/// <summary>Where parameter-file readers send their warnings (unknown keys): one plain stderr line each.</summary>
internal static class ParamWarnings
{
    public static Action<string> For(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ProdStatus.Cli");
#pragma warning disable CA2254 // the message is already formatted for people
        return warning => logger.LogWarning(warning);
#pragma warning restore CA2254
    }
}
