using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat plot-data PARAM_FILE [--out DIR]</c>.</summary>
internal static class PlotDataCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paramFile = new Argument<string>("PARAM_FILE") { Description = "The same yaml as for prep-timing-data." };
        var outDir = new Option<string?>("--out")
        {
            Description = "Folder holding the panda_time_series_<job>.csv files; the plots are written there too (default: the data directory).",
            HelpName = "DIR",
        };
        var command = new Command("plot-data", "Plot running quanta over hours since the first quantum start: timing_<job>.png and timing-<Jira>.png.")
        {
            paramFile, outDir,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            var parameters = TimingCommandSupport.Load(services, parse.GetValue(paramFile)!);
            var result = await services.GetRequiredService<TimingPlotJob>().PlotAsync(parameters, parse.GetValue(outDir), token);
            Print(environment, result);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static void Print(CliEnvironment environment, TimingPlotResult result)
    {
        foreach (var curve in result.Curves)
        {
            environment.Out.WriteLine(FormattableString.Invariant(
                $"  {curve.JobName}: {curve.Series.Values.Count} bins, peak {curve.Series.Max:0.##} running quanta"));
        }
        environment.Out.WriteLine($"plots in {result.Directory}:");
        foreach (string file in result.Files)
        {
            environment.Out.WriteLine($"  {Path.GetFileName(file)}");
        }
    }
}
