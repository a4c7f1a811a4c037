using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Bot.Telemetry;

namespace ProdStatus.Bot.Tests;

public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_AreCountedBySourceAndOutcome()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await using var app = new BotApplication(time: new FakeTimeProvider(now));
        using var client = app.CreateClient();
        using var requests = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            BotMetrics.MeterName, "prodstat.requests");

        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905"), now), Ct);
        await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("stats PREOPS-905"), now, "wrong"), Ct);
        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905"), "d1"), Ct);
        await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905"), "d1"), Ct);

        var seen = requests.GetMeasurementSnapshot()
            .Select(m => $"{m.Tags["source"]}:{m.Tags["outcome"]}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["jira:accepted", "jira:duplicate", "slack:accepted", "slack:unauthorized"], seen);
    }
}
