using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat prep-timing-data PARAM_FILE [--out DIR] [--record DIR | --replay DIR]</c>.</summary>
internal static class PrepTimingDataCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paramFile = new Argument<string>("PARAM_FILE") { Description = "The original's timing yaml (Jira, collType, job_names, bin_width, start_at, stop_at, start_date, stop_date)." };
        var outDir = CommonOptions.OutDir();
        var transport = new TransportOptions();
        var command = new Command("prep-timing-data", "Read start and end times of every job of the given job names from PanDA; write panda_time_series_<job>.csv.")
        {
            paramFile, outDir,
        };
        transport.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            transport.Apply(parse, services.GetRequiredService<HttpTransport>());
            var parameters = TimingCommandSupport.Load(services, parse.GetValue(paramFile)!);
            var job = services.GetRequiredService<TimingJob>();
            var result = await ProgressDisplay.RunAsync(environment, "PanDA",
                progress => job.PrepAsync(parameters, parse.GetValue(outDir), progress, token));
            Print(environment, parameters, result);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static void Print(CliEnvironment environment, TimingParams parameters, TimingPrepResult result)
    {
        var c = result.Collected;
        environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{parameters.Jira}: {c.WorkflowKeys.Count} workflows, {c.TasksMatched} matching tasks ({c.TasksRead} read, " +
            $"{c.TasksMatched - c.TasksRead} final ones from the store), {c.JobsRead} jobs read, {c.Requests} monitor requests"));
        environment.Out.WriteLine(result.Reference is { } r
            ? $"first quantum start: {r.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC"
            : "no job of these job names has started");
        foreach (var (name, count) in result.JobsPerName)
        {
            environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {count} jobs"));
        }
        environment.Out.WriteLine($"outputs in {result.Directory}:");
        foreach (string file in result.Files)
        {
            environment.Out.WriteLine($"  {Path.GetFileName(file)}");
        }
    }
}
