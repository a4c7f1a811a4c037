using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Demo;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Params;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat demo [--out DIR]</c>: the main job on the bundled sample campaign, with no network and no credentials.
/// Writes the sample monitor's answers as a replay folder, then runs get-panda-stat, prep-timing-data and plot-data on it
/// with a SQLite store.
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

            using var host = createHost(new Dictionary<string, string?>
            {
                ["ProdStatus:Store:Provider"] = "Sqlite",
                ["ProdStatus:Store:ConnectionString"] = $"Data Source={layout.Database}",
                ["ProdStatus:Output:DataDir"] = layout.Outputs,
            });
            host.Services.GetRequiredService<HttpTransport>().Replay(layout.Replay);
            var job = host.Services.GetRequiredService<PandaStatJob>();
            var result = await ProgressDisplay.RunAsync(environment, "PanDA",
                progress => job.RunAsync(parameters, cleanHistory: true, layout.Outputs, progress, token));
            PandaStatReport.Print(environment, result);
            await environment.Out.WriteLineAsync($"sample inputs: {layout.ParamFile} and {layout.Replay} " +
                $"(again: prodstat get-panda-stat {layout.ParamFile} --replay {layout.Replay} --out {layout.Outputs})");

            var (prep, plots) = await ProgressDisplay.RunAsync(environment, "PanDA timing",
                progress => host.Services.GetRequiredService<TimingJob>().RunAsync(timing, layout.Outputs, progress, token));
            PrepTimingDataCommand.Print(environment, timing, prep);
            PlotDataCommand.Print(environment, plots);
            return ExitCodes.Success;
        }, ct));
        return command;
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
