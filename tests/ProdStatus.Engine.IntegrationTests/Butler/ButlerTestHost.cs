using Xunit;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;

namespace ProdStatus.Engine.IntegrationTests.Butler;

/// <summary>The engine as the CLI builds it, with a store and output folder of its own and captured warnings.</summary>
internal sealed class ButlerTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ButlerTestHost(string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Folder = folder;
        var values = new Dictionary<string, string?>
        {
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "store.db")}",
            ["ProdStatus:Output:DataDir"] = Path.Combine(folder, "out"),
            ["ProdStatus:Butler:DbAuthFile"] = Path.Combine(folder, "no-db-auth.yaml"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new CapturingProvider(Warnings)).SetMinimumLevel(LogLevel.Warning));
        services.AddProdStatusEngine(configuration);
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public ConcurrentQueue<string> Warnings { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<ButlerStatResult> CollectAsync(string paramFileText, bool clean = false)
    {
        string path = Path.Combine(Folder, $"params-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, paramFileText);
        var parameters = ButlerStatParams.Load(path, Warnings.Enqueue);
        return Get<ButlerStatService>().CollectAsync(parameters, clean, null, TestContext.Current.CancellationToken);
    }

    public Task<ButlerStatJobResult> RunJobAsync(string paramFileText)
    {
        string path = Path.Combine(Folder, $"params-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, paramFileText);
        var parameters = ButlerStatParams.Load(path, Warnings.Enqueue);
        return Get<ButlerStatJob>().RunAsync(parameters, false, null, null, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class CapturingProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(sink);

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception));
        }
    }
}
