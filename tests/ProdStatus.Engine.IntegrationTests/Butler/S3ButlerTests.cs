using Microsoft.Data.Sqlite;
using ProdStatus.Samples;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Errors;
using ProdStatus.Testing.Butler;
using ProdStatus.Testing.S3;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Butler;

/// <summary>An S3 datastore (and an S3-hosted butler.yaml) served by moto_server on loopback.</summary>
public sealed class S3ButlerTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prodstat-s3-butler-").FullName;

    [Fact]
    public async Task Collect_S3Datastore_SameNumbersAsPosix()
    {
        string bucket = await WriteAsync();
        await using var host = Host();

        var result = await host.CollectAsync(EdgeCaseRepository.ParamFile($"s3://{bucket}/repo"));

        EdgeCaseButlerTests.AssertEdgeCases(result);
        Assert.Equal("s3://" + bucket + "/repo/butler.yaml", result.Repository);
    }

    [Fact]
    public async Task Collect_MissingBucket_IsAnInputErrorNamingTheField()
    {
        await using var host = Host();

        var error = await Assert.ThrowsAsync<UserInputException>(() => host.CollectAsync(EdgeCaseRepository.ParamFile("s3://no-such-bucket/repo")));

        Assert.Contains(": Butler: cannot read 's3://no-such-bucket/repo/butler.yaml'", error.Message, StringComparison.Ordinal);
    }

    private ButlerTestHost Host() => new(_folder, new Dictionary<string, string?>
    {
        ["ProdStatus:Butler:S3EndpointUrl"] = fixture.Server.Endpoint.ToString(),
        ["ProdStatus:Butler:S3AccessKeyId"] = MotoServer.AccessKey,
        ["ProdStatus:Butler:S3SecretAccessKey"] = MotoServer.SecretKey,
    });

    private async Task<string> WriteAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        string bucket = $"edge-{Guid.NewGuid():N}"[..20];
        await fixture.Server.Client.PutBucketAsync(bucket, ct);
        string db = Path.Combine(_folder, "gen3.sqlite3");
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            var writer = new ButlerRegistryWriter(connection, RegistryGeneration.SynthIntKey, postgres: false);
            await EdgeCaseRepository.WriteAsync(writer, RegistryGeneration.SynthIntKey, $"s3://{bucket}/repo",
                (path, bytes, token) => fixture.Server.PutAsync(bucket, "repo/" + path, bytes, token), ct);
        }
        byte[] yaml = System.Text.Encoding.UTF8.GetBytes(SampleButlerRepository.ButlerYaml("sqlite:///" + db, "<butlerRoot>"));
        await fixture.Server.PutAsync(bucket, "repo/butler.yaml", yaml, ct);
        return bucket;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
