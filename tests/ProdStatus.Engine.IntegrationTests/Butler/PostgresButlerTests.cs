using Npgsql;
using ProdStatus.Engine.Configuration;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Errors;
using ProdStatus.Testing.Butler;
using ProdStatus.Testing.Postgres;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Butler;

/// <summary>Registries in a PostgreSQL 15 cluster on loopback, in a <c>registry.namespace</c> schema, native UUID ids.</summary>
public sealed class PostgresButlerTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string Namespace = "butler_ns";
    private readonly string _folder = Directory.CreateTempSubdirectory("prodstat-pg-butler-").FullName;

    [Theory]
    [InlineData(RegistryGeneration.SynthIntKey)]
    [InlineData(RegistryGeneration.NameKey2022)]
    public async Task Collect_PostgresRegistry_SameNumbersAsSqlite(RegistryGeneration generation)
    {
        string yaml = await WriteAsync(generation);
        await using var host = new ButlerTestHost(_folder, new Dictionary<string, string?>
        {
            ["ProdStatus:Butler:DbAuthUser"] = PostgresCluster.User,
            ["ProdStatus:Butler:DbAuthPassword"] = PostgresCluster.Password,
            ["ProdStatus:Butler:DbAuthUrl"] = "postgresql://127.0.0.1:*/*",
        });

        var result = await host.CollectAsync(EdgeCaseRepository.ParamFile(yaml));

        Assert.Equal(generation, result.Generation);
        EdgeCaseButlerTests.AssertEdgeCases(result);
        Assert.DoesNotContain(host.Warnings, w => w.Contains(PostgresCluster.Password, StringComparison.Ordinal));
        await EdgeCaseButlerTests.AssertFirstDatasetAsync(yaml,
            new ButlerOptions { DbAuthUser = PostgresCluster.User, DbAuthPassword = PostgresCluster.Password, DbAuthUrl = "postgresql://127.0.0.1:*/*", DbAuthFile = Path.Combine(_folder, "none") });
    }

    [Fact]
    public async Task Collect_HistoryInAPostgresStore_ReusesUnchangedRuns()
    {
        string yaml = await WriteAsync(RegistryGeneration.SynthIntKey);
        string store = await fixture.Cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var host = new ButlerTestHost(_folder, new Dictionary<string, string?>
        {
            ["ProdStatus:Butler:DbAuthUser"] = PostgresCluster.User,
            ["ProdStatus:Butler:DbAuthPassword"] = PostgresCluster.Password,
            ["ProdStatus:Butler:DbAuthUrl"] = "postgresql://127.0.0.1:*/*",
            ["ProdStatus:Store:Provider"] = "Postgres",
            ["ProdStatus:Store:ConnectionString"] = store,
        });

        var first = await host.CollectAsync(EdgeCaseRepository.ParamFile(yaml));
        var second = await host.CollectAsync(EdgeCaseRepository.ParamFile(yaml));

        Assert.Equal(3, first.RunsRead);
        Assert.Equal(0, second.RunsRead);
        Assert.Equal(first.Campaign, second.Campaign);
        EdgeCaseButlerTests.AssertEdgeCases(second);
    }

    [Fact]
    public async Task Collect_CredentialsFromDbAuthFile_Connects()
    {
        string yaml = await WriteAsync(RegistryGeneration.SynthIntKey);
        string auth = Path.Combine(_folder, "db-auth.yaml");
        await File.WriteAllTextAsync(auth, $"- url: postgresql://127.0.0.1:*/*\n  username: {PostgresCluster.User}\n  password: {PostgresCluster.Password}\n",
            TestContext.Current.CancellationToken);
        await using var host = new ButlerTestHost(_folder, new Dictionary<string, string?> { ["ProdStatus:Butler:DbAuthFile"] = auth });

        var result = await host.CollectAsync(EdgeCaseRepository.ParamFile(yaml));

        Assert.Equal(3, result.RunsSelected);
    }

    [Fact]
    public async Task Collect_WrongPassword_UpstreamErrorWithoutThePassword()
    {
        string yaml = await WriteAsync(RegistryGeneration.SynthIntKey);
        await using var host = new ButlerTestHost(_folder, new Dictionary<string, string?>
        {
            ["ProdStatus:Butler:DbAuthUser"] = PostgresCluster.User,
            ["ProdStatus:Butler:DbAuthPassword"] = "wrong-secret",
            ["ProdStatus:Butler:DbAuthUrl"] = "postgresql://127.0.0.1:*/*",
        });

        var error = await Assert.ThrowsAsync<UpstreamException>(() => host.CollectAsync(EdgeCaseRepository.ParamFile(yaml)));

        Assert.StartsWith("Butler registry: cannot open postgresql://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(RegistryGeneration generation)
    {
        var ct = TestContext.Current.CancellationToken;
        string connectionString = await fixture.Cluster.CreateDatabaseAsync(ct);
        string repo = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(repo);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using (var schema = new NpgsqlCommand($"CREATE SCHEMA {Namespace}; SET search_path TO {Namespace}", connection))
            {
                await schema.ExecuteNonQueryAsync(ct);
            }
            var writer = new ButlerRegistryWriter(connection, generation, postgres: true);
            await EdgeCaseRepository.WriteAsync(writer, generation, "file://" + repo, async (path, bytes, token) =>
            {
                string file = Path.Combine(repo, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllBytesAsync(file, bytes, token);
            }, ct);
        }
        string database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        string yaml = Path.Combine(repo, "butler.yaml");
        await File.WriteAllTextAsync(yaml, SampleButlerRepository.ButlerYaml(
            $"postgresql://127.0.0.1:{fixture.Cluster.Port}/{database}", "<butlerRoot>", Namespace), ct);
        return yaml;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
