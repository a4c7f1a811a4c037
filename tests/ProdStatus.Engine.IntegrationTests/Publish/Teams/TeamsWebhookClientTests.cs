using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Teams;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Publish.Teams;

public sealed class TeamsWebhookClientTests : IAsyncLifetime
{
    private readonly FakeTeamsWebhook _teams = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly AdaptiveCard _card = CampaignCards.Summary(ReportFixtures.Standard());

    public ValueTask InitializeAsync() => new(_teams.StartAsync(TestContext.Current.CancellationToken));

    public ValueTask DisposeAsync() => _teams.DisposeAsync();

    [Fact]
    public async Task PostCardAsync_Accepted_PostsTheEnvelopeOnce()
    {
        var delivery = await Client().PostCardAsync(_card, TestContext.Current.CancellationToken);

        Assert.Equal(202, delivery.Status);
        var request = Assert.Single(_teams.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        var attachment = Assert.Single(body.RootElement.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("1.5", attachment.GetProperty("content").GetProperty("version").GetString());
        Assert.Equal(delivery.Bytes, System.Text.Encoding.UTF8.GetByteCount(request.Body));
    }

    [Fact]
    public async Task PostCardAsync_429WithRetryAfter_WaitsAndPostsAgain()
    {
        _teams.Then(429, retryAfter: "1");
        var watch = Stopwatch.StartNew();

        var delivery = await Client().PostCardAsync(_card, TestContext.Current.CancellationToken);

        Assert.Equal(202, delivery.Status);
        Assert.Equal(2, _teams.RequestCount);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task PostCardAsync_429AskingLongerThanAllowed_FailsWithoutWaiting()
    {
        _teams.Then(429, retryAfter: "3600");

        var error = await Assert.ThrowsAsync<UpstreamException>(() => Client().PostCardAsync(_card, TestContext.Current.CancellationToken));

        Assert.Equal(1, _teams.RequestCount);
        Assert.StartsWith("Teams: rate limited (429)", error.Message);
    }

    [Fact]
    public async Task PostCardAsync_ServerError_IsNotPostedAgain()
    {
        _teams.Then(502, body: "bad gateway");

        var error = await Assert.ThrowsAsync<UpstreamException>(() => Client().PostCardAsync(_card, TestContext.Current.CancellationToken));

        Assert.Equal(1, _teams.RequestCount);
        Assert.Equal("Teams: answered 502; the card may or may not have been posted, so it was not sent again: bad gateway", error.Message);
    }

    [Fact]
    public async Task PostCardAsync_NoAnswerInTime_IsNotPostedAgain()
    {
        _teams.Then(202, delay: TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<UpstreamException>(() =>
            Client(new() { ["ProdStatus:Teams:TimeoutSeconds"] = "1" }).PostCardAsync(_card, TestContext.Current.CancellationToken));

        Assert.Equal(1, _teams.RequestCount);
        Assert.Equal("Teams: no answer within 1 s; the card may or may not have been posted, so it was not sent again", error.Message);
    }

    [Fact]
    public async Task PostCardAsync_BadRequest_SaysRejectedWithTheAnswer()
    {
        _teams.Then(400, body: "{\"error\":\"InvalidTemplate\"}");

        var error = await Assert.ThrowsAsync<UpstreamException>(() => Client().PostCardAsync(_card, TestContext.Current.CancellationToken));

        Assert.Equal("Teams: rejected the card with 400: {\"error\":\"InvalidTemplate\"}", error.Message);
        Assert.Equal(ExitCodes.Upstream, error.ExitCode);
    }

    [Fact]
    public async Task PostCardAsync_AnyOutcome_NeverLogsOrReportsTheWebhookSignature()
    {
        _teams.Then(429, retryAfter: "0").Then(202).Then(500).Then(429, retryAfter: "9999");
        var client = Client();
        var ct = TestContext.Current.CancellationToken;

        await client.PostCardAsync(_card, ct);
        var errors = new[]
        {
            await Assert.ThrowsAsync<UpstreamException>(() => client.PostCardAsync(_card, ct)),
            await Assert.ThrowsAsync<UpstreamException>(() => client.PostCardAsync(_card, ct)),
        };

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(FakeTeamsWebhook.Signature, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.ToString().Contains(FakeTeamsWebhook.Signature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostCardAsync_NothingListening_FailsNamingTheErrorKindNotTheUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Client(new()
        {
            ["ProdStatus:Teams:WebhookUrl"] = $"http://127.0.0.1:{port}/hook?sig={FakeTeamsWebhook.Signature}",
            ["ProdStatus:Teams:MaxRetries"] = "1",
        });

        var error = await Assert.ThrowsAsync<UpstreamException>(() => client.PostCardAsync(_card, TestContext.Current.CancellationToken));

        Assert.Equal("Teams: the webhook could not be reached (ConnectionError)", error.Message);
        Assert.DoesNotContain(FakeTeamsWebhook.Signature, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCardAsync_NoWebhookConfigured_NamesTheKey()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Client(new() { ["ProdStatus:Teams:WebhookUrl"] = "" }).PostCardAsync(_card, TestContext.Current.CancellationToken));

        Assert.StartsWith("ProdStatus:Teams:WebhookUrl is not set", error.Message);
    }

    [Fact]
    public void Options_PlainHttpToARemoteHost_FailsNamingTheKeyButNotTheUrl()
    {
        var services = Services(new() { ["ProdStatus:Teams:WebhookUrl"] = "http://example.org/hook?sig=" + FakeTeamsWebhook.Signature });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);

        Assert.Equal("ProdStatus:Teams:WebhookUrl must be an absolute https URL (http only for loopback)", Assert.Single(error.Failures));
    }

    private TeamsWebhookClient Client(Dictionary<string, string?>? overrides = null) =>
        Services(overrides).GetRequiredService<TeamsWebhookClient>();

    private ServiceProvider Services(Dictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?> { ["ProdStatus:Teams:WebhookUrl"] = _teams.WebhookUrl };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddSingleton(TimeProvider.System);
        services.AddReports(configuration);
        return services.BuildServiceProvider();
    }
}
