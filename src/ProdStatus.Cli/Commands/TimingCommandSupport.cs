using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary>Loading the timing parameter file with unknown keys logged as warnings.</summary>
internal static class TimingCommandSupport
{
    public static TimingParams Load(IServiceProvider services, string path)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ProdStatus.Cli");
#pragma warning disable CA2254 // the message is already formatted for people
        return TimingParams.Load(path, warning => logger.LogWarning(warning));
#pragma warning restore CA2254
    }
}
