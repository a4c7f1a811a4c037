using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProdStatus.Bot.Worker;

namespace ProdStatus.Bot.Tests;

/// <summary>The bot host with its own SQLite store and data dir per test, test secrets, optionally no worker, optionally a log capture.</summary>
internal sealed class BotApplication(Dictionary<string, string?>? settings = null, TimeProvider? time = null, bool worker = false,
    Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
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
            ["ProdStatus:Slack:ResponseUrlHosts:0"] = "127.0.0.1",
            ["ProdStatus:Slack:ResponseUrlHosts:1"] = "hooks.slack.test",
        };
        foreach (var (k, v) in settings ?? [])
        {
            values[k] = v;
        }
        foreach (var (k, v) in values)
        {
            builder.UseSetting(k, v);
        }
        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
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
