using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProdStatus.Bot.Worker;

namespace ProdStatus.Bot.Tests;

/// <summary>The bot host with its own SQLite store and data dir per test, test secrets, and optionally no worker.</summary>
internal sealed class BotApplication(Dictionary<string, string?>? settings = null, TimeProvider? time = null, bool worker = false)
    : WebApplicationFactory<Program>
{
    public const string SlackSecret = "test-slack-signing-secret";
    public const string JiraSecret = "test-jira-webhook-secret";

    public string Root { get; } = Directory.CreateTempSubdirectory("prodstat-bot-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["ProdStatus:Slack:SigningSecret"] = SlackSecret,
            ["ProdStatus:Jira:WebhookSecret"] = JiraSecret,
            ["ProdStatus:Jira:DebounceSeconds"] = "0",
            ["ProdStatus:Store:ConnectionString"] = $"Data Source={Path.Combine(Root, "bot.db")}",
            ["ProdStatus:Output:DataDir"] = Path.Combine(Root, "data"),
            ["ProdStatus:Worker:PollIntervalMilliseconds"] = "50",
            ["ProdStatus:Worker:RetryDelaySeconds"] = "0",
            ["ProdStatus:Panda:RetryDelayMilliseconds"] = "20",
        };
        foreach (var (k, v) in settings ?? [])
        {
            values[k] = v;
        }
        foreach (var (k, v) in values)
        {
            builder.UseSetting(k, v);
        }
        builder.ConfigureServices(services =>
        {
            if (time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            }
            if (!worker)
            {
                var hosted = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(InboxWorker));
                services.Remove(hosted);
            }
        });
    }
}
