using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Samples;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Jira.Outbox;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat demo [--out DIR]</c>: the main job on the bundled sample campaign, with no network and no credentials.
/// Writes the sample monitor's answers as a replay folder, runs get-panda-stat, prep-timing-data and plot-data on it
/// with a SQLite store, get-butler-stat on generated repositories of both schema generations, then writes the PDF
/// summary, the Adaptive Card and the Slack message, the Jira requests to an outbox folder, and a static copy of the
/// campaign's dashboard page (<c>dashboard.html</c>).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var outDir = new Option<string>("--out")
        {
            Description = "Folder for the demo's inputs and outputs.",
            HelpName = "DIR",
            DefaultValueFactory = _ => "prodstat-demo",
        };
        var command = new Command("demo", "Run get-panda-stat and the timing plots on the bundled sample campaign (replay folder, SQLite store, no network).")
        {
            outDir,
        };
        command.SetAction((parse, ct) => CommandRunner.RunWithHostsAsync(environment, parse, async (createHost, token) =>
        {
            string root = Path.GetFullPath(parse.GetValue(outDir)!);
            var layout = new DemoLayout(root);
            Directory.CreateDirectory(root);
            await AtomicFile.WriteAllTextAsync(layout.ParamFile, SampleCampaign.ParamFile + "\n", token);
            var parameters = PandaStatParams.Read(ParamFile.Parse(layout.ParamFile, new StringReader(SampleCampaign.ParamFile)));
            await AtomicFile.WriteAllTextAsync(layout.TimingParamFile, SampleTiming.ParamFile + "\n", token);
            var timing = TimingParams.Read(ParamFile.Parse(layout.TimingParamFile, new StringReader(SampleTiming.ParamFile)));

            await RecordSampleMonitorAsync(createHost, layout, parameters, timing, token);
            string knownErrors = Path.Combine(root, "known-errors.yaml");
            await AtomicFile.WriteAllTextAsync(knownErrors, SampleCampaign.KnownErrorsYaml(), token);

            using var host = createHost(new Dictionary<string, string?>
            {
                ["ProdStatus:Store:Provider"] = "Sqlite",
                ["ProdStatus:Store:ConnectionString"] = $"Data Source={layout.Database}",
                ["ProdStatus:Output:DataDir"] = layout.Outputs,
                ["ProdStatus:Errors:KnownErrorsFile"] = knownErrors,
            });
            host.Services.GetRequiredService<HttpTransport>().Replay(layout.Replay);
            var job = host.Services.GetRequiredService<PandaStatJob>();
            var result = await ProgressDisplay.RunAsync(environment, "PanDA",
                progress => job.RunAsync(parameters, cleanHistory: true, layout.Outputs, progress, token));
            PandaStatReport.Print(environment, result);

            var (prep, plots) = await ProgressDisplay.RunAsync(environment, "PanDA timing",
                progress => host.Services.GetRequiredService<TimingJob>().RunAsync(timing, layout.Outputs, progress, token));
            PrepTimingDataCommand.Print(environment, timing, prep);
            PlotDataCommand.Print(environment, plots);

            var butler = await RunButlerAsync(host.Services, environment.Out, layout, RegistryGeneration.SynthIntKey, layout.Outputs, token);
            using (var legacyHost = createHost(new Dictionary<string, string?>
            {
                ["ProdStatus:Store:Provider"] = "Sqlite",
                ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(root, "prodstat-2022.db")}",
            }))
            {
                await RunButlerAsync(legacyHost.Services, environment.Out, layout, RegistryGeneration.NameKey2022, Path.Combine(layout.Outputs, "butler-2022"), token);
            }

            var extras = new ReportExtras(Tables: [butler.Stats.Table],
                Plots: [.. plots.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal))
                    .Select(f => new ReportPlot(Path.GetFileNameWithoutExtension(f), File.ReadAllBytes(f)))]);
            var reports = await host.Services.GetRequiredService<ReportWriter>().WriteAllAsync(result.Stats, layout.Outputs, extras, token);
            await environment.Out.WriteLineAsync($"reports: {Path.GetFileName(reports.Pdf)}, {Path.GetFileName(reports.Card)} (Adaptive Card), {Path.GetFileName(reports.Slack)} (Slack Block Kit)");
            await WriteJiraOutboxAsync(createHost, environment.Out, layout, reports.Pdf, token);
            string page = Path.Combine(root, "dashboard.html");
            var dashboard = await host.Services.GetRequiredService<CampaignDashboardBuilder>().BuildAsync(SampleCampaign.Jira, token);
            await AtomicFile.WriteAllTextAsync(page, host.Services.GetRequiredService<DashboardPageRenderer>().Render(dashboard!, DashboardPageOptions.Static), token);
            await environment.Out.WriteLineAsync($"dashboard: {page} (static copy of the bot's campaign page)");
            await environment.Out.WriteLineAsync($"sample inputs: {layout.ParamFile} and {layout.Replay} " +
                $"(again: prodstat get-panda-stat {layout.ParamFile} --replay {layout.Replay} --out {layout.Outputs})");

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>
    /// The Jira part, with no credentials: update-issue on the sample submit tree, add-job-to-summary and
    /// report-to-jira of the statistics and the PDF, every request written to the outbox folder instead of Jira.
    /// </summary>
    private static async Task WriteJiraOutboxAsync(Func<IReadOnlyDictionary<string, string?>?, IHost> createHost, TextWriter output,
        DemoLayout layout, string pdf, CancellationToken cancellationToken)
    {
        string outbox = Path.Combine(layout.Root, "jira-outbox");
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
        using var host = createHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Store:Provider"] = "Sqlite",
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={layout.Database}",
            // Sample keys for the summary issues: the demo never talks to Jira.
            ["ProdStatus:Jira:SummaryIssue"] = "DRP-53",
            ["ProdStatus:Jira:Step1SummaryIssue"] = "DRP-55",
        });
        string stats = Path.Combine(layout.Outputs, $"pandaStat-{SampleCampaign.Jira}.txt");
        string butler = Path.Combine(layout.Outputs, $"butlerStat-{SampleCampaign.Jira}.txt");
        string errors = Path.Combine(layout.Outputs, $"pandaErrors-{SampleCampaign.Jira}.txt");
        var result = await host.Services.GetRequiredService<JiraOutboxDemo>().RunSampleAsync(layout.Root, outbox,
            [new ReportComment(stats, ["pandaStat", "campaign", SampleCampaign.Jira]), new ReportComment(butler, ["butlerStat", SampleCampaign.Jira]),
             new ReportComment(errors, ["pandaErrors", SampleCampaign.Jira])],
            [pdf], cancellationToken);
        await output.WriteLineAsync($"Jira (no credentials, outbox {result.Outbox}): {result.Entries.Count} requests that would be sent:");
        foreach (var entry in result.Entries)
        {
            await output.WriteLineAsync($"  {OutboxEntries.Describe(entry)}");
        }
    }

    /// <summary>get-butler-stat on a generated repository of one schema generation (current: JSON metadata; 2022: YAML).</summary>
    private static async Task<ButlerStatJobResult> RunButlerAsync(IServiceProvider services, TextWriter output, DemoLayout layout,
        RegistryGeneration generation, string outputs, CancellationToken cancellationToken)
    {
        string name = generation == RegistryGeneration.NameKey2022 ? "butler-2022" : "butler-current";
        string butlerYaml = await SampleButlerRepository.WriteAsync(Path.Combine(layout.Root, name), generation, cancellationToken: cancellationToken);
        string paramPath = Path.Combine(layout.Root, $"{name}-params.yaml");
        string content = SampleButlerRepository.ParamFile(butlerYaml);
        await AtomicFile.WriteAllTextAsync(paramPath, content, cancellationToken);
        var parameters = ButlerStatParams.Read(ParamFile.Parse(paramPath, new StringReader(content)));
        var result = await services.GetRequiredService<ButlerStatJob>().RunAsync(parameters, cleanHistory: true, outputs, null, cancellationToken);
        var c = result.Stats.Campaign;
        await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Butler ({name}, {(generation == RegistryGeneration.NameKey2022 ? "YAML" : "JSON")} metadata): {c.Read} of {c.Quanta} quanta read, " +
            $"{c.CpuHours:0.00} CPU-hours, max RSS {c.MaxRssGb:0.00} GB -> {Path.Combine(outputs, result.Stats.Table.FileStem(result.Stats.Jira))}.*"));
        return result;
    }

    /// <summary>The recording pass: the in-process sample monitor answers, every answer is saved, the store is thrown away.</summary>
    private static async Task RecordSampleMonitorAsync(Func<IReadOnlyDictionary<string, string?>?, IHost> createHost, DemoLayout layout,
        PandaStatParams parameters, TimingParams timing, CancellationToken cancellationToken)
    {
        if (Directory.Exists(layout.Replay))
        {
            Directory.Delete(layout.Replay, recursive: true);
        }
        string scratch = Path.Combine(layout.Root, $".record-{Guid.NewGuid():N}.db");
        try
        {
            using var host = createHost(new Dictionary<string, string?>
            {
                ["ProdStatus:Store:Provider"] = "Sqlite",
                ["ProdStatus:Store:ConnectionString"] = $"Data Source={scratch};Pooling=False",
                [CommandRunner.QuietKey] = "true",
            });
            var transport = host.Services.GetRequiredService<HttpTransport>();
            transport.InProcess = () => new SimulatorHandler(new PandaMonitorSimulator(SampleCampaign.Create()));
            transport.Record(layout.Replay);
            await host.Services.GetRequiredService<PandaStatService>().CollectAsync(parameters, cleanHistory: true, progress: null, cancellationToken);
            await host.Services.GetRequiredService<TimingDataService>().CollectAsync(timing, progress: null, cancellationToken);
        }
        finally
        {
            foreach (string file in Directory.EnumerateFiles(layout.Root, Path.GetFileName(scratch) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private sealed record DemoLayout(string Root)
    {
        public string ParamFile => Path.Combine(Root, "panda-params.yaml");
        public string TimingParamFile => Path.Combine(Root, "timing-params.yaml");
        public string Replay => Path.Combine(Root, "panda-replay");
        public string Outputs => Path.Combine(Root, "outputs");
        public string Database => Path.Combine(Root, "prodstat.db");
    }
}
