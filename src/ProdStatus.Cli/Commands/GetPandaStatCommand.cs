using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat get-panda-stat PARAM_FILE [--clean-history] [--out DIR] [--record DIR | --replay DIR]</c>.</summary>
internal static class GetPandaStatCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paramFile = new Argument<string>("PARAM_FILE") { Description = "The original's parameter yaml (Jira, collTypes, maxtask, start_date, stop_date)." };
        var clean = CommonOptions.CleanHistory();
        var outDir = CommonOptions.OutDir();
        var transport = new TransportOptions();
        var command = new Command("get-panda-stat", "PanDA workflow status and per-task-type statistics (wall, CPU, memory) of a campaign.")
        {
            paramFile, clean, outDir,
        };
        transport.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            transport.Apply(parse, services.GetRequiredService<HttpTransport>());
            var parameters = PandaStatParams.Load(parse.GetValue(paramFile)!, ParamWarnings.For(services));
            var job = services.GetRequiredService<PandaStatJob>();
            var result = await ProgressDisplay.RunAsync(environment, "PanDA",
                progress => job.RunAsync(parameters, parse.GetValue(clean), parse.GetValue(outDir), progress, token));
            PandaStatReport.Print(environment, result);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
