using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ProdStatus.Engine;
using ProdStatus.Engine.Configuration.Layers;
using ProdStatus.Engine.Errors;
using ProdStatus.Samples;

namespace ProdStatus.Cli;

/// <summary>
/// Builds the same container as the bot host (the configuration layers of <see cref="ConfigurationLayers"/>,
/// options validated before anything runs), runs one command and maps errors to exit codes:
/// user errors are one line on stderr, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <summary>An override key that silences warnings of a helper pass (the demo's recording run repeats the real run's).</summary>
    public const string QuietKey = "ProdStatus:Cli:Quiet";

    public static Task<int> RunAsync(
        CliEnvironment environment,
        ParseResult parse,
        Func<IServiceProvider, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken) =>
        RunWithHostsAsync(environment, parse, async (createHost, token) =>
        {
            using var host = createHost(null);
            return await body(host.Services, token);
        }, cancellationToken);

    /// <summary>For commands that need more than one container (the demo records with one, replays with another).</summary>
    public static async Task<int> RunWithHostsAsync(
        CliEnvironment environment,
        ParseResult parse,
        Func<Func<IReadOnlyDictionary<string, string?>?, IHost>, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        bool verbose = parse.GetValue(GlobalOptions.Verbose);
        IHost CreateHost(IReadOnlyDictionary<string, string?>? overrides)
        {
            var host = Build(environment, parse, verbose, overrides);
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return host;
        }
        try
        {
            return await body(CreateHost, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            foreach (string failure in ex.Failures)
            {
                await environment.Error.WriteLineAsync($"error: configuration: {failure}");
            }
            return ExitCodes.BadInput;
        }
        catch (ProdStatException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            await environment.Error.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            if (parse.GetValue(GlobalOptions.Verbose))
            {
                await environment.Error.WriteLineAsync(ex.ToString());
            }
            return ExitCodes.Failure;
        }
    }

    /// <summary>The configuration layers as the commands see them (<c>config show</c> prints them).</summary>
    public static ConfigurationLayerSettings Layers(CliEnvironment environment, ParseResult parse, IReadOnlyDictionary<string, string?>? overrides)
    {
        var commandLine = new List<IReadOnlyDictionary<string, string?>>();
        if (environment.ConfigurationOverrides is { } fromEnvironment)
        {
            commandLine.Add(fromEnvironment);
        }
        commandLine.Add(GlobalOptions.SetValues(parse));
        if (overrides is not null)
        {
            commandLine.Add(overrides);
        }
        return new ConfigurationLayerSettings
        {
            DefaultsFile = Path.Combine(environment.ContentRoot ?? AppContext.BaseDirectory, "appsettings.json"),
            UserFile = environment.UserConfigFile,
            ConfigFile = parse.GetValue(GlobalOptions.Config),
            CommandLine = commandLine,
        };
    }

    private static IHost Build(CliEnvironment environment, ParseResult parse, bool verbose, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = environment.ContentRoot ?? AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddProdStatusLayers(Layers(environment, parse, overrides));
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new PlainLoggerProvider(environment.Error));
        // Retries are routine: shown with --verbose only; what finally fails is reported as the command's error.
        bool quiet = overrides?.ContainsKey(QuietKey) == true;
        builder.Logging.AddFilter("ProdStatus", quiet ? LogLevel.Error : verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Polly", verbose ? LogLevel.Warning : LogLevel.None);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Error);
        builder.Services.AddProdStatusEngine(builder.Configuration).AddProdStatusSamples();
        environment.ConfigureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
