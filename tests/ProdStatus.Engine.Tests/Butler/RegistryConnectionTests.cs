using Npgsql;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using Xunit;

namespace ProdStatus.Engine.Tests.Butler;

/// <summary>PostgreSQL registry URLs and credentials: URL, configuration, then db-auth.yaml.</summary>
public sealed class RegistryConnectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prodstat-dbauth-").FullName;

    [Fact]
    public void ConnectionString_FromUrlWithNamespace()
    {
        var builder = Build("postgresql://alice:pw@db.example.org:6543/lsstdb1", new ButlerOptions { DbAuthFile = Missing }, "dp02");

        Assert.Equal(("db.example.org", 6543, "lsstdb1", "alice", "pw", "dp02"),
            (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SearchPath));
    }

    [Fact]
    public void ConnectionString_ConfigurationCredentialsWinOverDbAuthFile()
    {
        string auth = Auth("- url: postgresql://db.example.org/*\n  username: bob\n  password: from-file\n");

        var builder = Build("postgresql://db.example.org/lsstdb1",
            new ButlerOptions { DbAuthUser = "carol", DbAuthPassword = "from-config", DbAuthUrl = "postgresql://db.example.org/*", DbAuthFile = auth });

        Assert.Equal(("carol", "from-config"), (builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("postgresql://db.example.org.evil.test/lsstdb1")]
    [InlineData("postgresql://other.org/lsstdb1")]
    [InlineData("postgresql://db.example.org:6543/lsstdb1")]
    public void ConnectionString_ConfiguredPassword_GoesOnlyToTheRegistryItIsFor(string registry)
    {
        var builder = Build(registry, new ButlerOptions
        {
            DbAuthUser = "carol", DbAuthPassword = "from-config", DbAuthUrl = "postgresql://db.example.org/*", DbAuthFile = Auth("[]\n"),
        });

        Assert.True(string.IsNullOrEmpty(builder.Password));
    }

    [Theory]
    [InlineData("postgresql://db.example.org:5432/lsstdb1", true)]
    [InlineData("postgresql://*.example.org/*", true)]
    [InlineData("postgresql://other.org/lsstdb1", false)]
    [InlineData("postgresql://db.example.org:5433/lsstdb1", false)]
    public void ConnectionString_DbAuthFileMatchesUrlPatterns(string pattern, bool matches)
    {
        string auth = Auth($"- url: {pattern}\n  username: bob\n  password: from-file\n");

        var builder = Build("postgresql://db.example.org/lsstdb1", new ButlerOptions { DbAuthFile = auth });

        Assert.Equal(matches ? "from-file" : null, builder.Password);
    }

    [Fact]
    public void ConnectionString_DbAuthEntryWithoutPassword_NamesTheField()
    {
        string auth = Auth("- url: postgresql://db.example.org/*\n  username: bob\n");

        var error = Assert.Throws<UserInputException>(() => Build("postgresql://db.example.org/lsstdb1", new ButlerOptions { DbAuthFile = auth }));

        Assert.Equal($"{auth}: [0].password: is required", error.Message);
    }

    private string Missing => Path.Combine(_folder, "none.yaml");

    private string Auth(string text)
    {
        string path = Path.Combine(_folder, $"db-auth-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static NpgsqlConnectionStringBuilder Build(string url, ButlerOptions options, string? ns = null) =>
        new(RegistryConnectionFactory.PostgresConnectionString(new ButlerRepositoryConfig("/r/butler.yaml", "/r", url, ns, "/r"), options));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
