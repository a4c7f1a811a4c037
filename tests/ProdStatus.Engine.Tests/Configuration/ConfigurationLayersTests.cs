using Microsoft.Extensions.Configuration;
using ProdStatus.Engine.Configuration.Layers;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Tests.Configuration;

/// <summary>One test per layer: each overrides the one before, and <c>…File</c> secrets take their layer's place.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigurationLayersTests : IDisposable
{
    // A key no other test reads, so the environment layer can be set on the real process.
    private readonly string _section = "LayerTest" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _dir = Directory.CreateTempSubdirectory("prodstat-layers-").FullName;

    private string Key => $"ProdStatus:{_section}:Value";

    private string EnvName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(EnvName(Key), null);
        Environment.SetEnvironmentVariable(EnvName($"ProdStatus:{_section}:ApiTokenFile"), null);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Defaults_AreTheFirstLayer()
    {
        var root = Build(new() { DefaultsFile = Write("defaults.json", "default") });
        Assert.Equal("default", root[Key]);
        Assert.StartsWith("defaults ", Source(root, Key), StringComparison.Ordinal);
    }

    [Fact]
    public void UserFile_OverridesDefaults()
    {
        var root = Build(new() { DefaultsFile = Write("defaults.json", "default"), UserFile = Write("user.json", "user") });
        Assert.Equal("user", root[Key]);
        Assert.Equal($"user file {Path.Combine(_dir, "user.json")}", Source(root, Key));
    }

    [Fact]
    public void ConfigFile_OverridesUserFile()
    {
        var root = Build(new() { DefaultsFile = Write("defaults.json", "default"), UserFile = Write("user.json", "user"), ConfigFile = Write("extra.json", "config") });
        Assert.Equal("config", root[Key]);
        Assert.StartsWith("--config ", Source(root, Key), StringComparison.Ordinal);
    }

    [Fact]
    public void YamlConfigFile_MapsToTheSameKeyPaths()
    {
        string yaml = Path.Combine(_dir, "extra.yaml");
        File.WriteAllText(yaml, $"ProdStatus:\n  {_section}:\n    Value: from-yaml\n    List: [a, b]\n");
        var root = Build(new() { DefaultsFile = Write("defaults.json", "default"), ConfigFile = yaml });
        Assert.Equal("from-yaml", root[Key]);
        Assert.Equal(["a", "b"], root.GetSection($"ProdStatus:{_section}:List").Get<string[]>()!);
    }

    [Fact]
    public void Environment_OverridesConfigFile()
    {
        Environment.SetEnvironmentVariable(EnvName(Key), "env");
        var root = Build(new() { DefaultsFile = Write("defaults.json", "default"), ConfigFile = Write("extra.json", "config") });
        Assert.Equal("env", root[Key]);
        Assert.Equal($"environment {EnvName(Key)}", Source(root, Key));
    }

    [Fact]
    public void CommandLine_OverridesEnvironment()
    {
        Environment.SetEnvironmentVariable(EnvName(Key), "env");
        var root = Build(new() { DefaultsFile = Write("defaults.json", "default"), CommandLine = [new Dictionary<string, string?> { [Key] = "cli" }] });
        Assert.Equal("cli", root[Key]);
        Assert.Equal("command line", Source(root, Key));
    }

    [Fact]
    public void FileKey_SuppliesTheSecret_AtTheLayerThatNamedIt()
    {
        string token = $"ProdStatus:{_section}:ApiToken";
        string secretFile = Path.Combine(_dir, "token");
        File.WriteAllText(secretFile, "from-secret-file-1234\n");
        string user = Path.Combine(_dir, "user.json");
        File.WriteAllText(user, Json("ApiToken", "in-user-file-000000"));
        File.SetUnixFileMode(user, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Environment.SetEnvironmentVariable(EnvName(token + "File"), secretFile);

        var root = Build(new() { DefaultsFile = Write("defaults.json", "default"), UserFile = user });

        Assert.Equal("from-secret-file-1234", root[token]);
        Assert.Equal($"file {secretFile} ({token}File, environment {EnvName(token)}File)", Source(root, token));
        Assert.Contains(root.GetSection($"ProdStatus:{_section}").GetChildren(), c => c.Key == "ApiToken");
    }

    [Fact]
    public void FileKey_NamingAMissingFile_IsOneLineNamingTheKey()
    {
        var ex = Assert.Throws<UserInputException>(() => Build(new()
        {
            DefaultsFile = Write("defaults.json", "default"),
            CommandLine = [new Dictionary<string, string?> { [$"ProdStatus:{_section}:BotTokenFile"] = Path.Combine(_dir, "absent") }],
        }));
        Assert.StartsWith($"ProdStatus:{_section}:BotTokenFile (from command line): cannot read the secret file", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void UserFile_ReadableByOthers_WithASecret_IsRefused()
    {
        string user = Path.Combine(_dir, "user.json");
        File.WriteAllText(user, Json("Password", "hunter2-hunter2"));
        File.SetUnixFileMode(user, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var ex = Assert.Throws<UserInputException>(() => Build(new() { DefaultsFile = Write("defaults.json", "default"), UserFile = user }));

        Assert.Equal($"{user}: holds the secret ProdStatus:{_section}:Password but other users can read it; run 'chmod 600 {user}' or move the secret to a …File key", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(user, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("hunter2-hunter2", Build(new() { DefaultsFile = Write("defaults.json", "default"), UserFile = user })[$"ProdStatus:{_section}:Password"]);
    }

    [Fact]
    public void UserFile_ReadableByOthers_WithoutSecrets_IsAccepted()
    {
        string user = Write("user.json", "user");
        File.SetUnixFileMode(user, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal("user", Build(new() { DefaultsFile = Write("defaults.json", "default"), UserFile = user })[Key]);
    }

    [Fact]
    public void MissingOrBrokenConfigFile_IsOneLineNamingIt()
    {
        string missing = Path.Combine(_dir, "nope.json");
        var notFound = Assert.Throws<UserInputException>(() => Build(new() { ConfigFile = missing }));
        Assert.Equal($"{missing}: configuration file not found (--config)", notFound.Message);

        string broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{ \"ProdStatus\": ");
        var invalid = Assert.Throws<UserInputException>(() => Build(new() { ConfigFile = broken }));
        Assert.StartsWith($"{broken}: not valid JSON", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostSources_GetTheFilesInsertedBeforeTheirEnvironment()
    {
        // The bot's web host adds defaults, environment and command line itself.
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Write("defaults.json", "default"))
            .AddEnvironmentVariables()
            .AddCommandLine([$"--{Key}=cli"]);
        builder.AddProdStatusLayers(new ConfigurationLayerSettings { UserFile = Write("user.json", "user") });
        var root = builder.Build();
        Assert.Equal("cli", root[Key]);
        var kinds = root.Providers.OfType<LayerProvider>().Select(p => p.Kind).ToList();
        Assert.Equal([LayerKind.Defaults, LayerKind.User, LayerKind.Environment, LayerKind.CommandLine], kinds);
    }

    private IConfigurationRoot Build(ConfigurationLayerSettings settings) =>
        new ConfigurationBuilder().AddProdStatusLayers(settings.UserFile is null
            ? new ConfigurationLayerSettings { DefaultsFile = settings.DefaultsFile, UserFile = Path.Combine(_dir, "no-user.json"), ConfigFile = settings.ConfigFile, CommandLine = settings.CommandLine }
            : settings).Build();

    private static string Source(IConfigurationRoot root, string key) =>
        ConfigurationLayers.Effective(root).Single(s => s.Key == key).Source;

    /// <summary><c>{"ProdStatus": {"&lt;section&gt;": {name: value}}}</c>.</summary>
    private string Json(string name, string value) =>
        new System.Text.Json.Nodes.JsonObject { ["ProdStatus"] = new System.Text.Json.Nodes.JsonObject { [_section] = new System.Text.Json.Nodes.JsonObject { [name] = value } } }.ToJsonString();

    private string Write(string name, string value)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, Json("Value", value));
        return path;
    }
}
