using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.IntegrationTests.Butler;
using ProdStatus.Testing;

namespace ProdStatus.Engine.IntegrationTests.Inbox;

/// <summary>The effect journal on both stores: done effects are skipped, unknown ones looked up or not sent again.</summary>
public sealed class EffectJournalTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(EngineTestHost Host, EffectJournal Journal)> CreateAsync(string provider)
    {
        var (host, time) = await postgres.StoreHostAsync(provider, Ct);
        return (host, host.Get<EffectJournal>());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task DoneEffect_IsNotSentAgain_AndKeepsItsDetail(string provider)
    {
        var (host, journal) = await CreateAsync(provider);
        using (host)
        {
            int sends = 0;
            var first = await journal.RunOnceAsync(1, "channel-post", null, _ => Task.FromResult<string?>($"ts-{++sends}"), Ct);
            var again = await journal.RunOnceAsync(1, "channel-post", null, _ => Task.FromResult<string?>($"ts-{++sends}"), Ct);
            var otherJob = await journal.RunOnceAsync(2, "channel-post", null, _ => Task.FromResult<string?>($"ts-{++sends}"), Ct);

            Assert.Equal((EffectState.Done, "ts-1", false), (first.State, first.Detail, first.Replayed));
            Assert.Equal((EffectState.Done, "ts-1", true), (again.State, again.Detail, again.Replayed));
            Assert.Equal("ts-2", otherJob.Detail);
            Assert.Equal(2, sends);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task UnknownOutcome_WithoutLookup_IsNotSentAgain(string provider)
    {
        var (host, journal) = await CreateAsync(provider);
        using (host)
        {
            int sends = 0;
            await Assert.ThrowsAsync<UpstreamException>(() => journal.RunOnceAsync(1, "teams-card", null, _ =>
            {
                sends++;
                throw new UpstreamException("Teams", "answered 503; the card may or may not have been posted");
            }, Ct));
            var retry = await journal.RunOnceAsync(1, "teams-card", null, _ => Task.FromResult<string?>($"{++sends}"), Ct);

            Assert.Equal(EffectState.NotResent, retry.State);
            Assert.Equal(1, sends);
            Assert.Equal(EffectState.NotResent, Assert.Single(await journal.ListAsync(1, Ct)).State);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task UnknownOutcome_WithLookup_IsLookedUp_ThenSentOnlyIfAbsent(string provider)
    {
        var (host, journal) = await CreateAsync(provider);
        using (host)
        {
            async Task Ambiguous(long job) => await Assert.ThrowsAsync<TimeoutException>(() =>
                journal.RunOnceAsync(job, "jira-comment", null, _ => throw new TimeoutException("no answer"), Ct));
            await Ambiguous(1);
            await Ambiguous(2);

            int sends = 0;
            var found = await journal.RunOnceAsync(1, "jira-comment", _ => Task.FromResult<string?>("10001"), _ => Task.FromResult<string?>($"{++sends}"), Ct);
            var absent = await journal.RunOnceAsync(2, "jira-comment", _ => Task.FromResult<string?>(null), _ => Task.FromResult<string?>($"{++sends}"), Ct);

            Assert.Equal((EffectState.Done, "10001"), (found.State, found.Detail));
            Assert.Equal((EffectState.Done, "1"), (absent.State, absent.Detail));
            Assert.Equal(1, sends);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task KnownNotSent_IsForgotten_SoTheRetrySends(string provider)
    {
        var (host, journal) = await CreateAsync(provider);
        using (host)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => journal.RunOnceAsync(1, "response-url", null,
                _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"), Ct));
            await Assert.ThrowsAsync<UpstreamException>(() => journal.RunOnceAsync(1, "response-url", null,
                _ => throw new UpstreamException("Slack", "response_url answered 404") { NotSent = true }, Ct));
            var retry = await journal.RunOnceAsync(1, "response-url", null, _ => Task.FromResult<string?>("posted"), Ct);

            Assert.Equal((EffectState.Done, "posted", false), (retry.State, retry.Detail, retry.Replayed));
            Assert.False(EffectJournal.IsKnownNotSent(new HttpRequestException(HttpRequestError.ResponseEnded, "closed mid-body")));
            Assert.False(EffectJournal.IsKnownNotSent(new UpstreamException("Slack", "answered 503", new HttpRequestException("x", null, HttpStatusCode.ServiceUnavailable))));
        }
    }
}
