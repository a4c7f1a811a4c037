using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Tests.Http;

public sealed class OutboundResilienceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(120);

    private static HttpResponseMessage Answer(HttpStatusCode status, HttpMethod? method = null) =>
        new(status) { RequestMessage = new HttpRequestMessage(method ?? HttpMethod.Post, "http://service.invalid/x") };

    [Fact]
    public void RetryAfter_DeltaForm_IsTheDelta()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse(response, new FakeTimeProvider(Now)));
    }

    [Fact]
    public void RetryAfter_DateFormWithDateHeader_IsMeasuredFromTheAnswersDate()
    {
        using var response = Answer(HttpStatusCode.ServiceUnavailable);
        response.Headers.Date = Now.AddHours(-1);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddHours(-1).AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse(response, new FakeTimeProvider(Now)));
    }

    [Fact]
    public void RetryAfter_DateFormWithoutDateHeader_IsMeasuredFromTheClock()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(45));

        Assert.Equal(TimeSpan.FromSeconds(45), RetryAfter.Parse(response, new FakeTimeProvider(Now)));
    }

    [Fact]
    public void RetryAfter_DateInThePastOrMissing_IsZeroOrNull()
    {
        using var past = Answer(HttpStatusCode.TooManyRequests);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-45));
        using var none = Answer(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(past, new FakeTimeProvider(Now)));
        Assert.Null(RetryAfter.Parse(none, new FakeTimeProvider(Now)));
    }

    public static TheoryData<RetryMode, string, int, bool> StatusDecisions => new()
    {
        // 429 means "not carried out": every mode sends again.
        { RetryMode.NotSentOnly, "POST", 429, true },
        { RetryMode.ByMethod, "POST", 429, true },
        { RetryMode.Idempotent, "GET", 429, true },
        // 503 counts as a refusal except for posts whose repetition would be seen.
        { RetryMode.ByMethod, "POST", 503, true },
        { RetryMode.NotSentOnly, "POST", 503, false },
        // Other 5xx: the request may have landed; only idempotent calls repeat.
        { RetryMode.ByMethod, "POST", 500, false },
        { RetryMode.ByMethod, "PUT", 502, true },
        { RetryMode.ByMethod, "GET", 504, true },
        { RetryMode.NotSentOnly, "POST", 502, false },
        { RetryMode.Idempotent, "GET", 500, true },
        { RetryMode.Idempotent, "GET", 408, true },
        // Client errors are final.
        { RetryMode.Idempotent, "GET", 404, false },
        { RetryMode.ByMethod, "PUT", 400, false },
    };

    [Theory]
    [MemberData(nameof(StatusDecisions))]
    public void ShouldRetry_Status_FollowsTheMode(RetryMode mode, string method, int status, bool expected)
    {
        using var response = Answer((HttpStatusCode)status, new HttpMethod(method));

        Assert.Equal(expected, RetryDecision.ShouldRetry(Outcome.FromResult(response), new HttpMethod(method), mode, null, Max));
    }

    [Theory]
    [InlineData(RetryMode.NotSentOnly, "POST", false)]
    [InlineData(RetryMode.ByMethod, "POST", false)]
    [InlineData(RetryMode.ByMethod, "GET", true)]
    [InlineData(RetryMode.Idempotent, "GET", true)]
    public void ShouldRetry_AttemptTimedOut_OnlyForIdempotentCalls(RetryMode mode, string method, bool expected) =>
        Assert.Equal(expected, RetryDecision.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()),
            new HttpMethod(method), mode, null, Max));

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    public void ShouldRetry_PostFailingBeforeOrAfterTheConnection_OnlyWhenNeverSent(HttpRequestError error, bool expected)
    {
        var outcome = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "failed"));

        Assert.Equal(expected, RetryDecision.ShouldRetry(outcome, HttpMethod.Post, RetryMode.NotSentOnly, null, Max));
        Assert.Equal(expected, RetryDecision.ShouldRetry(outcome, HttpMethod.Post, RetryMode.ByMethod, null, Max));
    }

    [Fact]
    public void ShouldRetry_RetryAfterLongerThanTheLimit_FailsAtOnce()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, HttpMethod.Get);

        Assert.False(RetryDecision.ShouldRetry(Outcome.FromResult(response), HttpMethod.Get, RetryMode.Idempotent, Max + TimeSpan.FromSeconds(1), Max));
        Assert.True(RetryDecision.ShouldRetry(Outcome.FromResult(response), HttpMethod.Get, RetryMode.Idempotent, Max, Max));
    }

    [Fact]
    public async Task Pipeline_PostAnswered500_IsSentOnce()
    {
        int sent = await RunAsync(RetryMode.NotSentOnly, HttpMethod.Post, _ => HttpStatusCode.InternalServerError);

        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task Pipeline_PostAnswered429ThenOk_IsSentAgainAfterRetryAfter()
    {
        int sent = await RunAsync(RetryMode.NotSentOnly, HttpMethod.Post, n => n == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);

        Assert.Equal(2, sent);
    }

    [Fact]
    public async Task Pipeline_GetAnswered502_IsSentOncePlusMaxRetries()
    {
        int sent = await RunAsync(RetryMode.ByMethod, HttpMethod.Get, _ => HttpStatusCode.BadGateway);

        Assert.Equal(1 + 3, sent);
    }

    private static async Task<int> RunAsync(RetryMode mode, HttpMethod method, Func<int, HttpStatusCode> answer)
    {
        var options = new TeamsOptions { MaxRetries = 3, RetryDelayMilliseconds = 0, TimeoutSeconds = 30, TotalTimeoutSeconds = 60 };
        var pipeline = OutboundResilience.Configure(new ResiliencePipelineBuilder<HttpResponseMessage>(), options, mode, TimeProvider.System).Build();
        int sent = 0;
        using var last = await pipeline.ExecuteAsync(_ =>
        {
            var response = Answer(answer(++sent), method);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            return ValueTask.FromResult(response);
        }, TestContext.Current.CancellationToken);
        return sent;
    }
}
