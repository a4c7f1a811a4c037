using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Testing.Dashboard;

namespace ProdStatus.Bot.BrowserTests;

/// <summary>
/// The bot host on a real Kestrel port (127.0.0.1:0) with its own SQLite store holding the sample campaign, filled by
/// get-panda-stat and prep-timing-data; get-panda-stat's tables are in <see cref="Outputs"/>. No worker: nothing is
/// read from PanDA while the browser looks.
/// </summary>
public sealed class DashboardSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string LinkKey = "browser-test-link-key-0123456789abcdef";
    public const string PandaMonitor = "https://panda.example.org/";
    public const string JiraBrowse = "https://jira.example.org/browse/";

    public string Root { get; } = Directory.CreateTempSubdirectory("prodstat-browser-").FullName;

    public string Outputs => Path.Combine(Root, "outputs");

    public Uri BaseUri { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        await SampleCampaignStore.FillAsync(Services, Outputs, TestContext.Current.CancellationToken);
    }

    /// <summary>A signed link on this server (the configured base URL is only used for links in messages).</summary>
    public Uri Link(string subject) => new(BaseUri, new Uri(Services.GetRequiredService<DashboardLinks>().Create(subject, 7)).PathAndQuery);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(Root, "bot.db")}",
            ["ProdStatus:Output:DataDir"] = Path.Combine(Root, "data"),
            ["ProdStatus:Dashboard:BaseUrl"] = "https://bot.example.org/",
            ["ProdStatus:Dashboard:LinkKey"] = LinkKey,
            ["ProdStatus:Reports:PandaMonitorUrl"] = PandaMonitor,
            ["ProdStatus:Reports:JiraBrowseUrl"] = JiraBrowse,
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(InboxWorker))));
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
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
