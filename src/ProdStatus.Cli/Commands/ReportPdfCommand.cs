using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat report-pdf PARAM_FILE [--out FILE] [--replay DIR]</c>: collect like get-panda-stat, then write the PDF summary.</summary>
internal static class ReportPdfCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paramFile = new Argument<string>("PARAM_FILE") { Description = "The get-panda-stat parameter yaml (Jira, collTypes, maxtask, start_date, stop_date)." };
        var outFile = new Option<string?>("--out")
        {
            Description = "Write the PDF to FILE instead of <data directory>/summary-<Jira>.pdf.",
            HelpName = "FILE",
        };
        var transport = new TransportOptions();
        var command = new Command("report-pdf", "PDF campaign summary: workflow status, task-type statistics, totals, page numbers.")
        {
            paramFile, outFile,
        };
        transport.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            transport.Apply(parse, services.GetRequiredService<HttpTransport>());
            var parameters = PandaStatParams.Load(parse.GetValue(paramFile)!, ParamWarnings.For(services));
            var job = services.GetRequiredService<ReportPdfJob>();
            var result = await ProgressDisplay.RunAsync(environment, "PanDA",
                progress => job.RunAsync(parameters, parse.GetValue(outFile), progress, token));
            var report = result.Report;
            string statuses = string.Join(", ", report.StatusCounts.Select(c => $"{c.Workflows} {c.Status}"));
            await environment.Out.WriteLineAsync(
                $"{report.Jira}: {report.Workflows.Count} workflows ({(statuses.Length > 0 ? statuses : "none matched")}); " +
                $"PDF summary ({Math.Max(1, result.Bytes / 1024)} KB): {result.Path}");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
