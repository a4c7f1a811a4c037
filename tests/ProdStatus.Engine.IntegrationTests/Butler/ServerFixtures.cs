using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Testing;
using ProdStatus.Testing.Postgres;
using ProdStatus.Testing.S3;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Butler;

/// <summary>One PostgreSQL 15 cluster per test class that asks for it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; } = new();

    public ValueTask InitializeAsync() => new(Cluster.StartAsync(TestContext.Current.CancellationToken));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    /// <summary>
    /// An engine on the store named by <paramref name="provider"/> (<c>Sqlite</c>, or <c>Postgres</c>: a new database of
    /// this cluster) with a fake clock at 2026-11-25 12:00 UTC.
    /// </summary>
    public async Task<(EngineTestHost Host, FakeTimeProvider Time)> StoreHostAsync(string provider, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>();
        if (provider == "Postgres")
        {
            settings["ProdStatus:Store:Provider"] = "Postgres";
            settings["ProdStatus:Store:ConnectionString"] = await Cluster.CreateDatabaseAsync(cancellationToken);
        }
        return (new EngineTestHost(settings, s => s.AddSingleton<TimeProvider>(time)), time);
    }
}

/// <summary>One moto_server (S3) per test class that asks for it.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public MotoServer Server { get; } = new();

    public ValueTask InitializeAsync() => new(Server.StartAsync(TestContext.Current.CancellationToken));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
