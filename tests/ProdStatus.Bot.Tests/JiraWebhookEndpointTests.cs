using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Tests;

public sealed class JiraWebhookEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameDeliveryTenTimes_MakesOneJob()
    {
        await using var app = new BotApplication();
        using var client = app.CreateClient();
        string body = Signing.Transition("PREOPS-905");

        for (int i = 0; i < 10; i++)
        {
            var response = await client.SendAsync(Signing.JiraWebhook(body, "delivery-1"), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var job = Assert.Single(await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct));
        Assert.Equal((InboxKinds.JiraTransition, "PREOPS-905"), (job.Kind, job.Subject));
    }

    [Fact]
    public async Task BadOrMissingSignature_Is401()
    {
        await using var app = new BotApplication();
        using var client = app.CreateClient();
        string body = Signing.Transition("PREOPS-905");

        var wrong = await client.SendAsync(Signing.JiraWebhook(body, "d", "other-secret"), Ct);
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/jira/webhook") { Content = new StringContent(body) }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct));
    }

    [Fact]
    public async Task UntrackedChanges_AreIgnored()
    {
        await using var app = new BotApplication(new()
        {
            ["ProdStatus:Jira:WebhookProjects:0"] = "PREOPS",
            ["ProdStatus:Jira:WebhookStatuses:0"] = "Done",
        });
        using var client = app.CreateClient();

        var otherField = await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", field: "assignee"), "a"), Ct);
        var otherProject = await client.SendAsync(Signing.JiraWebhook(Signing.Transition("DM-1", "Done"), "b"), Ct);
        var otherStatus = await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "In Progress"), "c"), Ct);
        var tracked = await client.SendAsync(Signing.JiraWebhook(Signing.Transition("PREOPS-905", "Done"), "d"), Ct);

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.Accepted],
            new[] { otherField.StatusCode, otherProject.StatusCode, otherStatus.StatusCode, tracked.StatusCode });
        Assert.Single(await app.Services.GetRequiredService<InboxRepository>().ListAsync(Ct));
    }

    [Fact]
    public async Task Readyz_ChecksTheStore()
    {
        await using var app = new BotApplication();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct)).StatusCode);
    }
}
