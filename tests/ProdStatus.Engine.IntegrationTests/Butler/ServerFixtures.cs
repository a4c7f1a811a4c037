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
}

/// <summary>One moto_server (S3) per test class that asks for it.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public MotoServer Server { get; } = new();

    public ValueTask InitializeAsync() => new(Server.StartAsync(TestContext.Current.CancellationToken));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
