using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Watch;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat watch-once PARAM_FILE [--state DIR]</c>: one watch poll against the stored snapshot, for people without
/// the bot. Prints the alerts the bot would post; exits 0 when there are none, 4 when there are.
/// </summary>
internal static class WatchOnceCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paramFile = new Argument<string>("PARAM_FILE") { Description = "The get-panda-stat parameter yaml of the campaign to watch." };
        var state = new Option<string?>("--state")
        {
            Description = "Folder for the watch state (snapshot, alert states, PanDA history); default: the data directory's store.",
            HelpName = "DIR",
        };
        var transport = new TransportOptions();
        var command = new Command("watch-once", "Poll a campaign once and print the alerts a watch would post (exit 4 when there are alerts).")
        {
            paramFile, state,
        };
        transport.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunWithHostsAsync(environment, parse, async (createHost, token) =>
        {
            Dictionary<string, string?>? overrides = null;
            if (parse.GetValue(state) is { Length: > 0 } dir)
            {
                string folder = Path.GetFullPath(OutputOptions.ExpandHome(dir));
                Directory.CreateDirectory(folder);
                overrides = new()
                {
                    ["ProdStatus:Store:Provider"] = "Sqlite",
                    ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "prodstat.db")}",
                    ["ProdStatus:Output:DataDir"] = folder,
                };
            }
            using var host = createHost(overrides);
            var services = host.Services;
            transport.Apply(parse, services.GetRequiredService<HttpTransport>());
            var parameters = PandaStatParams.Load(parse.GetValue(paramFile)!, ParamWarnings.For(services));
            var thresholds = services.GetRequiredService<IOptions<WatchOptions>>().Value.Defaults;
            var poll = await services.GetRequiredService<WatchEngine>().PollAsync(parameters, thresholds, token);
            foreach (var alert in poll.Alerts)
            {
                await environment.Out.WriteLineAsync(alert.Text);
            }
            await environment.Error.WriteLineAsync(
                $"{parameters.Jira}: {poll.Alerts.Count} alert(s); {poll.Snapshot.FinishedJobs} jobs finished; {poll.Requests} PanDA request(s)");
            return poll.Alerts.Count > 0 ? ExitCodes.Alerts : ExitCodes.Success;
        }, ct));
        return command;
    }
}
