using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ProdStatus.Cli;

/// <summary>Where a command writes and what it may add to the container; tests pass their own writers and fakes.</summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>True when stdout is a terminal: progress bars instead of log lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Extra registrations applied after the engine's (fakes, spies).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Configuration values that win over the configuration files and the environment (as command-line options do).</summary>
    public IReadOnlyDictionary<string, string?>? ConfigurationOverrides { get; init; }

    /// <summary>The user configuration file. <value>Default: <c>$XDG_CONFIG_HOME/prodstat/appsettings.json</c>.</value></summary>
    public string? UserConfigFile { get; init; }

    /// <summary>Base directory for appsettings.json. <value>Default: the application folder.</value></summary>
    public string? ContentRoot { get; init; }

    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            // Redirected output: no terminal width to fit, and wrapped lines break scripts that grep them.
            console.Profile.Width = 200;
        }
        return console;
    }

    public static CliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
    };
}
