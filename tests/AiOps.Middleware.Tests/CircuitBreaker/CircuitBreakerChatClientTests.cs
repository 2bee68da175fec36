// Licensed under the MIT License.

using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

public sealed class CircuitBreakerChatClientTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task OpensAfterThresholdConsecutiveFailuresAndFailsFastWithWhenToRetry()
    {
        var time = new SignalingTimeProvider();
        var breaker = new AiCircuitBreaker("test", "api.test", threshold: 3, breakDuration: TimeSpan.FromSeconds(30), timeProvider: time);
        var inner = new TestChatClient { OnResponse = (_, _, _, _) => throw Errors.Status(500) };
        using var client = new CircuitBreakerChatClient(inner, breaker);

        for (int i = 0; i < 3; i++)
        {
            AiException e = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
            Assert.Equal(AiErrorKind.ServerError, e.Kind);
        }

        Assert.Equal(AiCircuitState.Open, breaker.State);
        time.Advance(TimeSpan.FromSeconds(10));
        AiException open = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));

        Assert.Equal(AiErrorKind.CircuitOpen, open.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), open.RetryAfter);
        Assert.False(open.IsRetryable);
        Assert.Equal("test", open.Provider);
        Assert.Contains("test @ api.test", open.Message, StringComparison.Ordinal);
        Assert.Equal(3, inner.CallCount);
    }

    [Fact]
    public async Task HalfOpensAfterTheBreakLetsOneProbeThroughAndClosesOnSuccess()
    {
        var time = new SignalingTimeProvider();
        var breaker = new AiCircuitBreaker("test", threshold: 2, breakDuration: TimeSpan.FromSeconds(30), timeProvider: time);
        var probe = new TaskCompletionSource<ChatResponse>();
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => n <= 2 ? throw Errors.Status(503) : probe.Task };
        using var client = new CircuitBreakerChatClient(inner, breaker);
        for (int i = 0; i < 2; i++)
        {
            _ = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        }

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(AiCircuitState.HalfOpen, breaker.State);
        Task<ChatResponse> probeCall = client.GetResponseAsync(s_prompt);
        AiException second = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        Assert.Equal(AiErrorKind.CircuitOpen, second.Kind);
        Assert.Equal(TimeSpan.Zero, second.RetryAfter);

        probe.SetResult(TestChatClient.Reply("ok"));
        _ = await probeCall;
        Assert.Equal(AiCircuitState.Closed, breaker.State);
        _ = await client.GetResponseAsync(s_prompt);
        Assert.Equal(4, inner.CallCount);
    }

    [Fact]
    public async Task AFailedProbeOpensTheCircuitAgainForAFullBreak()
    {
        var time = new SignalingTimeProvider();
        var breaker = new AiCircuitBreaker("test", threshold: 1, breakDuration: TimeSpan.FromSeconds(30), timeProvider: time);
        var inner = new TestChatClient { OnResponse = (_, _, _, _) => throw Errors.Status(529) };
        using var client = new CircuitBreakerChatClient(inner, breaker);
        _ = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        time.Advance(TimeSpan.FromSeconds(30));

        AiException probe = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        Assert.Equal(AiErrorKind.Overloaded, probe.Kind);
        AiException open = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        Assert.Equal(AiErrorKind.CircuitOpen, open.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), open.RetryAfter);
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task ClientErrorsQuotaAndFiltersNeverOpenTheCircuitAndResetTheCount()
    {
        var breaker = new AiCircuitBreaker("test", threshold: 2);
        AiException[] script = [Errors.Status(500), Errors.Status(400), Errors.Status(500), Errors.Status(401), Errors.Status(403), Errors.Status(404), Errors.Quota(), Errors.Filtered(), Errors.Status(500)];
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => throw script[n - 1] };
        using var client = new CircuitBreakerChatClient(inner, breaker);

        foreach (AiException expected in script)
        {
            AiException e = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
            Assert.Same(expected, e);
        }

        Assert.Equal(AiCircuitState.Closed, breaker.State);
        Assert.Equal(1, breaker.ConsecutiveFailures);
    }

    [Fact]
    public async Task RateLimitsAndCancellationsCountNeitherWay()
    {
        var breaker = new AiCircuitBreaker("test", threshold: 2);
        Exception[] script = [Errors.Status(500), Errors.Status(429), new OperationCanceledException(), Errors.Status(500)];
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => throw script[n - 1] };
        using var client = new CircuitBreakerChatClient(inner, breaker);
        foreach (Exception unused in script)
        {
            _ = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(s_prompt));
        }

        Assert.Equal(AiCircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task TimeoutsAndConnectionFailuresAreHealthFailures()
    {
        var breaker = new AiCircuitBreaker("test", threshold: 3);
        Exception[] script = [new AiException(AiErrorKind.Timeout, "t"), new System.Net.Http.HttpRequestException("reset"), Errors.Cut()];
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => throw script[n - 1] };
        using var client = new CircuitBreakerChatClient(inner, breaker);
        foreach (Exception unused in script)
        {
            _ = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(s_prompt));
        }

        Assert.Equal(AiCircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task AStreamIsHealthyAtItsFirstChunkAndACutAfterwardsCounts()
    {
        var breaker = new AiCircuitBreaker("test", threshold: 1);
        var inner = new TestChatClient { OnStream = (_, _, _, _) => RetryChatClientTests.CutAfterFirst() };
        using var client = new CircuitBreakerChatClient(inner, breaker);

        _ = await Assert.ThrowsAsync<AiException>(() => client.GetStreamingResponseAsync(s_prompt).ToListAsync());

        Assert.Equal(AiCircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task StateChangesAreCountedInMetrics()
    {
        using var metrics = new MetricsCapture();
        var time = new SignalingTimeProvider();
        var breaker = new AiCircuitBreaker("cb-metrics", threshold: 1, breakDuration: TimeSpan.FromSeconds(1), timeProvider: time);
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => n == 1 ? throw Errors.Status(500) : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new CircuitBreakerChatClient(inner, breaker);
        _ = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        _ = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        time.Advance(TimeSpan.FromSeconds(1));
        _ = await client.GetResponseAsync(s_prompt);

        string[] states = metrics.For(AiOpsTelemetry.CircuitStateChangesName, "gen_ai.provider.name", "cb-metrics").Select(m => (string)m.Tags["aiops.circuit.state"]!).ToArray();
        Assert.Equal(["open", "half_open", "closed"], states);
        Assert.Equal(0, metrics.For(AiOpsTelemetry.CircuitsOpenName, "gen_ai.provider.name", "cb-metrics").Sum(m => m.Value));
        Assert.Single(metrics.For(AiOpsTelemetry.CircuitRejectionsName, "gen_ai.provider.name", "cb-metrics"));
    }

    [Fact]
    public async Task EmbeddingsShareTheBreaker()
    {
        var breaker = new AiCircuitBreaker("test", threshold: 1);
        var inner = new TestEmbeddingGenerator { OnGenerate = (_, _, _, _) => throw Errors.Status(503) };
        using var generator = new CircuitBreakerEmbeddingGenerator(inner, breaker);
        _ = await Assert.ThrowsAsync<AiException>(() => generator.GenerateAsync(["a"]));
        AiException open = await Assert.ThrowsAsync<AiException>(() => generator.GenerateAsync(["a"]));
        Assert.Equal(AiErrorKind.CircuitOpen, open.Kind);
        Assert.Same(breaker, generator.GetService<AiCircuitBreaker>());
    }

    [Fact]
    public void Ctor_InvalidArgs_Throws()
    {
        _ = Assert.Throws<ArgumentNullException>("breaker", () => new CircuitBreakerChatClient(new TestChatClient(), null!));
        _ = Assert.Throws<ArgumentOutOfRangeException>("threshold", () => new AiCircuitBreaker("x", threshold: 0));
        _ = Assert.Throws<ArgumentOutOfRangeException>("breakDuration", () => new AiCircuitBreaker("x", breakDuration: TimeSpan.Zero));
    }
}
