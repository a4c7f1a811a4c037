using System.Net;
using ProdStatus.Engine.Collect.Http;

namespace ProdStatus.Engine.Tests.Collect;

public sealed class RequestCountingHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answered_IsCounted_InTotalAndInTheTally()
    {
        var counter = new RequestCounter();
        var tally = RequestCounter.StartTally();
        using var client = Client(counter, _ => new HttpResponseMessage(HttpStatusCode.TooManyRequests));
        using var response = await client.GetAsync(new Uri("http://monitor.invalid/jobs/"), Ct);
        Assert.Equal((1, 1), (counter.Count, tally.Count));
    }

    [Fact]
    public async Task ConnectionNeverOpened_IsNotCounted()
    {
        var counter = new RequestCounter();
        using var client = Client(counter, _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://monitor.invalid/jobs/"), Ct));
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task BrokeOffAfterSending_IsCounted()
    {
        var counter = new RequestCounter();
        using var client = Client(counter, _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "ended"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://monitor.invalid/jobs/"), Ct));
        Assert.Equal(1, counter.Count);
    }

    private static HttpClient Client(RequestCounter counter, Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new RequestCountingHandler(counter) { InnerHandler = new Answering(answer) });

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
