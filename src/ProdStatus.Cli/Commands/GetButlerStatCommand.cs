using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat get-butler-stat PARAM_FILE [--clean-history] [--out DIR]</c>.</summary>
internal static class GetButlerStatCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paramFile = new Argument<string>("PARAM_FILE")
        {
            Description = "The original's parameter yaml (Jira, collTypes, maxtask, start_date, stop_date) plus Butler: the repository.",
        };
        var clean = CommonOptions.CleanHistory();
        var outDir = CommonOptions.OutDir();
        var command = new Command("get-butler-stat", "Per-task CPU, wall time and memory of a campaign from every quantum's metadata in a Butler repository.")
        {
            paramFile, clean, outDir,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            var parameters = ButlerStatParams.Load(parse.GetValue(paramFile)!, ParamWarnings.For(services));
            var job = services.GetRequiredService<ButlerStatJob>();
            var result = await ProgressDisplay.RunAsync(environment, "Butler",
                progress => job.RunAsync(parameters, parse.GetValue(clean), parse.GetValue(outDir), progress, token));
            ButlerStatReport.Print(environment, result);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
