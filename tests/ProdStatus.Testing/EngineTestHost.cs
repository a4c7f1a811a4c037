using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine;
using ProdStatus.Samples;

namespace ProdStatus.Testing;

/// <summary>An engine container for integration tests: its own SQLite file and data dir, fast retries, extra settings.</summary>
public sealed class EngineTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public EngineTestHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Root = Directory.CreateTempSubdirectory("prodstat-test-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["ProdStatus:Output:DataDir"] = Path.Combine(Root, "data"),
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(Root, "store.db")}",
            ["ProdStatus:Panda:RetryDelayMilliseconds"] = "50",
            ["ProdStatus:Panda:TimeoutSeconds"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProdStatusEngine(configuration).AddProdStatusSamples();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public string Root { get; }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
