using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ProdStatus.Engine.Configuration.Layers;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat config show [--json]</c>: the effective configuration, each value followed by the layer it came
/// from (defaults, user file, <c>--config</c>, environment, command line); secrets masked.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {key, value, source}." };
        var show = new Command("show", "Print the effective configuration and where each value comes from (secrets masked).") { json };
        show.SetAction((parse, ct) => CommandRunner.RunWithHostsAsync(environment, parse, async (_, _) =>
        {
            // No container: showing the configuration must work while it is still invalid.
            var root = new ConfigurationBuilder().AddProdStatusLayers(CommandRunner.Layers(environment, parse, null)).Build();
            var settings = ConfigurationLayers.Effective(root);
            (root as IDisposable)?.Dispose();
            if (parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(
                    settings.Select(s => new { key = s.Key, value = s.Value, source = s.Source }),
                    new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }
            foreach (var setting in settings)
            {
                await environment.Out.WriteLineAsync($"{setting.Key} = {setting.Value}  [{setting.Source}]");
            }
            return ExitCodes.Success;
        }, ct));
        return new Command("config", "Inspect the configuration.") { show };
    }
}
