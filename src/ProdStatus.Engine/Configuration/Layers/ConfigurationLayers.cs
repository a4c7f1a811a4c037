using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Configuration.Layers;

/// <summary>What <see cref="ConfigurationLayers.AddProdStatusLayers"/> adds.</summary>
public sealed class ConfigurationLayerSettings
{
    /// <summary>The shipped appsettings.json; null when the host has added it already (the bot's web host).</summary>
    public string? DefaultsFile { get; init; }

    /// <summary>The user file. <value>Default: <see cref="ConfigurationLayers.DefaultUserFile"/>.</value></summary>
    public string? UserFile { get; init; }

    /// <summary>The file given with <c>--config</c> (JSON, or YAML by its extension); must exist.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Values from command-line options; with <see cref="DefaultsFile"/> only (the web host reads its own).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> CommandLine { get; init; } = [];
}

/// <summary>
/// The configuration layers of the CLI and the bot, each overriding the one before: built-in defaults
/// (appsettings.json beside the binary), the user file (<c>$XDG_CONFIG_HOME/prodstat/appsettings.json</c>), the
/// <c>--config</c> file (JSON or YAML), the environment (<c>ProdStatus__Section__Key</c>), command-line options.
/// In every layer a <c>…File</c> key (<c>ProdStatus:Jira:ApiTokenFile</c>) supplies its secret from a file.
/// </summary>
public static class ConfigurationLayers
{
    /// <summary><c>$XDG_CONFIG_HOME/prodstat/appsettings.json</c>, else <c>~/.config/prodstat/appsettings.json</c>.</summary>
    public static string DefaultUserFile()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        string root = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "prodstat", "appsettings.json");
    }

    /// <summary>The value of <c>--config FILE</c> / <c>--config=FILE</c> in raw arguments (the bot's command line).</summary>
    public static string? ConfigFileArgument(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Count)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }
        return null;
    }

    /// <summary>
    /// With <see cref="ConfigurationLayerSettings.DefaultsFile"/>, builds all five layers on an empty builder (the CLI);
    /// without it, inserts the user and <c>--config</c> files before the environment variables of a host that has
    /// added the others (the bot). Either way every source is wrapped as a named layer.
    /// </summary>
    public static IConfigurationBuilder AddProdStatusLayers(this IConfigurationBuilder builder, ConfigurationLayerSettings settings)
    {
        var sources = builder.Sources.ToList();
        if (settings.DefaultsFile is { } defaults)
        {
            sources.Add(Json(defaults, optional: true));
            sources.Add(new EnvironmentVariablesConfigurationSource());
            sources.AddRange(settings.CommandLine.Select(values => new ConfigurationLayer(
                new MemoryConfigurationSource { InitialData = values }, LayerKind.CommandLine, "command line", null)));
        }
        int at = sources.FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        at = at < 0 ? sources.Count : at;
        string user = Path.GetFullPath(OutputOptions.ExpandHome(settings.UserFile ?? DefaultUserFile()));
        var files = new List<IConfigurationSource> { new ConfigurationLayer(Json(user, optional: true), LayerKind.User, $"user file {user}", user) };
        if (settings.ConfigFile is { Length: > 0 } config)
        {
            string path = Path.GetFullPath(OutputOptions.ExpandHome(config));
            if (!File.Exists(path))
            {
                throw new UserInputException($"{config}: configuration file not found (--config)");
            }
            bool yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            files.Add(new ConfigurationLayer(yaml ? new YamlConfigurationSource(path) : Json(path, optional: false), LayerKind.ConfigFile, $"--config {path}", path));
        }
        sources.InsertRange(at, files);

        builder.Sources.Clear();
        foreach (var source in sources)
        {
            builder.Add(source is ConfigurationLayer ? source : Name(source));
        }
        return builder;
    }

    /// <summary>Every value under <c>ProdStatus</c> and <c>Logging</c>, with the layer it came from; secrets masked.</summary>
    public static IReadOnlyList<EffectiveSetting> Effective(IConfigurationRoot root)
    {
        var settings = new List<EffectiveSetting>();
        foreach (var (key, value) in root.AsEnumerable().OrderBy(p => p.Key, ConfigurationKeyComparer.Instance))
        {
            if (value is null || !(key.StartsWith("ProdStatus:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var provider = root.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _));
            string source = provider is LayerProvider layer ? layer.Describe(key) : provider?.ToString() ?? "unknown";
            settings.Add(new EffectiveSetting(key, SecretKeys.Display(key, value), source));
        }
        return settings;
    }

    private static JsonConfigurationSource Json(string path, bool optional)
    {
        var source = new JsonConfigurationSource { Path = path, Optional = optional, ReloadOnChange = false };
        source.ResolveFileProvider();
        return source;
    }

    private static ConfigurationLayer Name(IConfigurationSource source) => source switch
    {
        JsonConfigurationSource json => new ConfigurationLayer(source, LayerKind.Defaults, $"defaults {json.FileProvider?.GetFileInfo(json.Path ?? "").PhysicalPath ?? json.Path}", null),
        EnvironmentVariablesConfigurationSource { Prefix: null or "" } => new ConfigurationLayer(source, LayerKind.Environment, "environment", null),
        EnvironmentVariablesConfigurationSource env => new ConfigurationLayer(source, LayerKind.Other, $"environment {env.Prefix}*", null),
        CommandLineConfigurationSource => new ConfigurationLayer(source, LayerKind.CommandLine, "command line", null),
        MemoryConfigurationSource => new ConfigurationLayer(source, LayerKind.CommandLine, "command line", null),
        _ => new ConfigurationLayer(source, LayerKind.Other, source.GetType().Name.Replace("ConfigurationSource", "", StringComparison.Ordinal), null),
    };
}

/// <summary>One line of <c>prodstat config show</c>: the value (masked when secret) and the layer that set it.</summary>
public sealed record EffectiveSetting(string Key, string Value, string Source);
