using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary>Loading the timing parameter file with unknown keys logged as warnings.</summary>
internal static class TimingCommandSupport
{
    public static TimingParams Load(IServiceProvider services, string path)
    {
        return TimingParams.Load(path, ParamWarnings.For(services));
    }
}
