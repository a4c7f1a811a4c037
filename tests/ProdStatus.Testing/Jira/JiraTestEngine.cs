using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine;
using ProdStatus.Samples;

namespace ProdStatus.Testing.Jira;

/// <summary>An engine container pointed at a fake Jira (or at the outbox when <paramref name="server"/> is null), with its
/// own data directory and quick retries.</summary>
public sealed class JiraTestEngine : IDisposable
{
    private readonly ServiceProvider _provider;

    public JiraTestEngine(FakeJiraServer? server, FakeJiraAuth? auth, IDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? configure = null)
    {
        DataDir = Directory.CreateTempSubdirectory("prodstat-jira-").FullName;
        var config = new Dictionary<string, string?>
        {
            ["ProdStatus:Output:DataDir"] = DataDir,
            ["ProdStatus:Jira:SummaryIssue"] = "DRP-53",
            ["ProdStatus:Jira:Step1SummaryIssue"] = "DRP-55",
            ["ProdStatus:Jira:LegacyStoreIssue"] = "DRP-54",
            ["ProdStatus:Jira:BrowseUrl"] = "https://jira.example.org/browse/",
            ["ProdStatus:Jira:PandaLinkBase"] = "https://panda.example.org/",
            ["ProdStatus:Jira:RetryDelayMilliseconds"] = "1",
            ["ProdStatus:Jira:MaxRetries"] = "8",
            ["ProdStatus:Jira:TimeoutSeconds"] = "5",
        };
        if (server is not null && auth is not null)
        {
            config["ProdStatus:Jira:BaseUrl"] = server.BaseUri.ToString();
            if (auth.IsCloud)
            {
                config["ProdStatus:Jira:Email"] = auth.User;
                config["ProdStatus:Jira:ApiToken"] = auth.Secret;
            }
            else
            {
                config["ProdStatus:Jira:PersonalAccessToken"] = auth.Secret;
            }
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProdStatusEngine(configuration).AddProdStatusSamples();
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public string DataDir { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
