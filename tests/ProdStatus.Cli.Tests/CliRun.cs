namespace ProdStatus.Cli.Tests;

/// <summary>Runs <c>prodstat</c> in process with captured output and per-test configuration.</summary>
internal static class CliRun
{
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args) =>
        RunAsync(settings, null, args);

    /// <param name="userConfigFile">The user configuration file; default: none (a test never reads the machine's ~/.config).</param>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(Dictionary<string, string?> settings, string? userConfigFile, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            Interactive = false,
            ConfigurationOverrides = settings,
            UserConfigFile = userConfigFile ?? Path.Combine(Path.GetTempPath(), "prodstat-cli-tests-no-user-config.json"),
        };
        int code = await CliApplication.RunAsync(args, environment);
        return (code, output.ToString(), error.ToString());
    }

    public static Dictionary<string, string?> Settings(string root, string? baseUrl = null) => new()
    {
        ["ProdStatus:Output:DataDir"] = Path.Combine(root, "data"),
        ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(root, "store.db")};Pooling=False",
        ["ProdStatus:Panda:BaseUrl"] = baseUrl ?? "",
        ["ProdStatus:Panda:RetryDelayMilliseconds"] = "20",
        ["ProdStatus:Panda:MaxRetries"] = "2",
    };

    public static string TempDir() => Directory.CreateTempSubdirectory("prodstat-cli-").FullName;
}
