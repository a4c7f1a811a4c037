using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Bot.Watch;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Engine.Watch;
using ProdStatus.Testing;

namespace ProdStatus.Bot.Tests;

/// <summary><c>/prodstat watch|unwatch|watching</c>, the alert message and its buttons.</summary>
public sealed class WatchCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("watch PREOPS-905", null, null, null)]
    [InlineData("watch preops-905 every 30m fail>2.5% stall 6h", 30 * 60, 2.5, 6 * 3600)]
    [InlineData("WATCH PREOPS-905 stall 1d every 90s", 90, null, 86400)]
    public void Watch_ParsesItsOptionalParts(string text, int? everySeconds, double? fail, int? stallSeconds)
    {
        var command = SlashCommand.Parse(text)!;

        Assert.Equal(("watch", "PREOPS-905"), (command.Verb, command.Issue));
        Assert.Equal(everySeconds, (int?)command.Watch!.Every?.TotalSeconds);
        Assert.Equal(fail, command.Watch.FailPercent);
        Assert.Equal(stallSeconds, (int?)command.Watch.Stall?.TotalSeconds);
    }

    [Theory]
    [InlineData("watch")]
    [InlineData("watch PREOPS-905 every")]
    [InlineData("watch PREOPS-905 every 15x")]
    [InlineData("watch PREOPS-905 fail>150%")]
    [InlineData("watch PREOPS-905 loudly")]
    [InlineData("unwatch")]
    [InlineData("watching PREOPS-905")]
    public void Watch_RejectsMalformedText(string text) => Assert.Null(SlashCommand.Parse(text));

    [Fact]
    public async Task WatchUnwatchWatching_ChangeTheChannelsSubscriptions()
    {
        using var host = new EngineTestHost();
        var clock = new FakeTimeProvider(new DateTimeOffset(2022, 1, 21, 12, 0, 0, TimeSpan.Zero));
        var commands = new WatchCommands(host.Get<WatchTargetRepository>(), Options.Create(new WatchOptions()), clock);

        string watched = await commands.RunAsync(SlashCommand.Parse("watch PREOPS-905 every 30m fail>2%")!, "C1", "U1", Ct);
        string list = await commands.RunAsync(SlashCommand.Parse("watching")!, "C1", "U1", Ct);
        string elsewhere = await commands.RunAsync(SlashCommand.Parse("watching")!, "C2", "U1", Ct);
        string stopped = await commands.RunAsync(SlashCommand.Parse("unwatch PREOPS-905")!, "C1", "U1", Ct);
        string again = await commands.RunAsync(SlashCommand.Parse("unwatch PREOPS-905")!, "C1", "U1", Ct);

        Assert.StartsWith("Watching PREOPS-905 here: every 30m, failure rate above 2% (≥ 20 jobs, preemption excluded), stall after 3h", watched, StringComparison.Ordinal);
        Assert.Equal("Watched here:\n• PREOPS-905: every 30m, failure rate above 2% (≥ 20 jobs, preemption excluded), stall after 3h", list);
        Assert.StartsWith("This channel watches nothing.", elsewhere, StringComparison.Ordinal);
        Assert.Equal("Stopped watching PREOPS-905 here.", stopped);
        Assert.Equal("This channel does not watch PREOPS-905.", again);
        Assert.Empty(await host.Get<WatchTargetRepository>().ListAsync(null, Ct));
        Assert.StartsWith("Watching PREOPS-905 here: every 15m", await commands.HandleWatchButtonAsync("preops-905", "C3", "U2", Ct), StringComparison.Ordinal);
        Assert.Equal(["C3"], Assert.Single(await host.Get<WatchTargetRepository>().ListAsync(null, Ct)).Channels);
    }

    [Fact]
    public async Task SignedWatchCommand_IsAnsweredAtOnce_StoredAndNotQueued()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await using var app = new BotApplication(time: new FakeTimeProvider(now));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signing.SlackCommand(Signing.SlackBody("watch preops-905 every 30m"), now), Ct);

        string body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Watching PREOPS-905 here: every 30m", body, StringComparison.Ordinal);
        var target = Assert.Single(await app.Services.GetRequiredService<WatchTargetRepository>().ListAsync(null, Ct));
        Assert.Equal(("PREOPS-905", TimeSpan.FromMinutes(30)), (target.Issue, target.Thresholds.Interval));
        Assert.Empty(await app.Services.GetRequiredService<ProdStatus.Engine.Inbox.InboxRepository>().ListAsync(Ct));
    }

    [Fact]
    public void AlertMessage_CarriesTheFourButtonsWithTheDedupKey_ClearedCarriesNone()
    {
        var alert = new WatchAlert("PREOPS-905|failure-rate|wf_makeWarp|", AlertRule.FailureRate, AlertKind.Fired, "wf_makeWarp", "", ":warning: rate");

        var message = SlackAlertPoster.Message(alert);
        var cleared = SlackAlertPoster.Message(alert with { Kind = AlertKind.Cleared });

        var buttons = message["blocks"]![1]!["elements"]!.AsArray();
        Assert.Equal(["prodstat_snooze_1h", "prodstat_snooze_1d", "prodstat_snooze_state", "prodstat_ack"], buttons.Select(b => (string?)b!["action_id"]));
        Assert.All(buttons, b => Assert.Equal(alert.Key, (string?)b!["value"]));
        Assert.Single(cleared["blocks"]!.AsArray());
    }

    [Fact]
    public async Task Buttons_SnoozeAndAcknowledgeTheStoredAlert()
    {
        using var host = new EngineTestHost();
        var clock = new FakeTimeProvider(new DateTimeOffset(2022, 1, 21, 12, 0, 0, TimeSpan.Zero));
        var store = host.Get<WatchRepository>();
        var snapshot = new CampaignSnapshot("PREOPS-905", clock.GetUtcNow(), clock.GetUtcNow(), 0, 0, true, [], []);
        var finding = new Finding("PREOPS-905", AlertRule.FailureRate, "wf_makeWarp", "", "rate");
        await store.ApplyAsync(snapshot, [finding], clock.GetUtcNow(), Ct);
        var actions = new AlertActions(store, clock);

        string? snoozed = await actions.HandleActionAsync("prodstat_snooze_1h", finding.Key, "C1", "U7", Ct);
        string? acked = await actions.HandleActionAsync("prodstat_ack", finding.Key, "C1", "U8", Ct);
        string? unknown = await actions.HandleActionAsync("prodstat_ack", "PREOPS-905|stall||", "C1", "U8", Ct);
        string? notOurs = await actions.HandleActionAsync("open_jira", finding.Key, "C1", "U8", Ct);

        Assert.Equal("<@U7> snoozed this alert for 1 hour.", snoozed);
        Assert.Equal("<@U8> acknowledged this alert.", acked);
        Assert.Null(unknown);
        Assert.Null(notOurs);
        var row = Assert.Single(await store.GetAlertsAsync("PREOPS-905", Ct));
        Assert.Equal(("U8", clock.GetUtcNow().AddHours(1)), (row.AckedBy, row.SnoozedUntil));
    }
}
