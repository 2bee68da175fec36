// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AiOps.Middleware.Tests;

public sealed class RetryChatClientTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task RetriesWithExponentialBackoffUntilSuccess_AndReportsAttempts()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient(clock: time) { OnResponse = (n, _, _, _) => n < 3 ? throw Errors.Status(503) : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { MaxRetries = 3, Backoff = TimeSpan.FromSeconds(1), Jitter = () => 0 }, time);

        Task<ChatResponse> call = client.GetResponseAsync(s_prompt);
        await time.WaitForTimersAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, inner.CallCount);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await inner.WaitForCallAsync(2);
        await time.WaitForTimersAsync(2);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, inner.CallCount);
        time.Advance(TimeSpan.FromMilliseconds(1));
        ChatResponse response = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, response.AdditionalProperties![AiResponseProperties.Attempts]);
        IReadOnlyList<DateTimeOffset> at = inner.CallTimes;
        Assert.Equal(TimeSpan.FromSeconds(1), at[1] - at[0]);
        Assert.Equal(TimeSpan.FromSeconds(2), at[2] - at[1]);
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(250)]
    [InlineData(0)]
    public async Task WaitsExactlyTheServerHint(int hintMs)
    {
        var time = new SignalingTimeProvider();
        TimeSpan hint = TimeSpan.FromMilliseconds(hintMs);
        var inner = new TestChatClient(clock: time) { OnResponse = (n, _, _, _) => n == 1 ? throw Errors.Status(429, hint) : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.FromSeconds(10), Jitter = () => 0.5 }, time);

        Task<ChatResponse> call = client.GetResponseAsync(s_prompt);
        if (hintMs > 0)
        {
            await time.WaitForTimersAsync(1);
            time.Advance(hint - TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, inner.CallCount);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        ChatResponse response = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, response.AdditionalProperties![AiResponseProperties.Attempts]);
        Assert.Equal(hint, inner.CallTimes[1] - inner.CallTimes[0]);
    }

    [Fact]
    public async Task HintAboveTheCapFailsAtOnceWithRateLimitedCarryingTheHint()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient(clock: time) { OnResponse = (_, _, _, _) => throw Errors.Status(503, TimeSpan.FromSeconds(120)) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { MaxDelay = TimeSpan.FromSeconds(60) }, time);

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));

        Assert.Equal(AiErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("AI_RETRY_MAX_DELAY", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, inner.CallCount);
        Assert.Equal(0, time.TimersCreated);
    }

    [Fact]
    public async Task HintAtTheCapIsStillHonoured()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient(clock: time) { OnResponse = (n, _, _, _) => n == 1 ? throw Errors.Status(429, TimeSpan.FromSeconds(60)) : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { MaxDelay = TimeSpan.FromSeconds(60) }, time);

        Task<ChatResponse> call = client.GetResponseAsync(s_prompt);
        await time.WaitForTimersAsync(1);
        time.Advance(TimeSpan.FromSeconds(60));
        _ = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(60), inner.CallTimes[1] - inner.CallTimes[0]);
    }

    public static TheoryData<int> NotRetried => new() { 400, 401, 403, 404, 422 };

    [Theory]
    [MemberData(nameof(NotRetried))]
    public async Task DoesNotRetryClientErrors(int status)
    {
        var inner = new TestChatClient { OnResponse = (_, _, _, _) => throw Errors.Status(status) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task DoesNotRetryQuotaCircuitOpenBudgetOrAServerThatSaysNo()
    {
        AiException[] errors =
        [
            Errors.Quota(),
            new(AiErrorKind.CircuitOpen, "open") { IsRetryable = false },
            new(AiErrorKind.BudgetExceeded, "budget"),
            Errors.Status(503, retryable: false), // x-should-retry: false
        ];
        foreach (AiException e in errors)
        {
            var inner = new TestChatClient { OnResponse = (_, _, _, _) => throw e };
            using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });
            AiException thrown = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
            Assert.Same(e, thrown);
            Assert.Equal(1, inner.CallCount);
        }
    }

    [Fact]
    public async Task RetriesA400WhenTheServerSaysShouldRetryTrue()
    {
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => n == 1 ? throw Errors.Status(400, retryable: true) : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });
        _ = await client.GetResponseAsync(s_prompt);
        Assert.Equal(2, inner.CallCount);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(529)]
    public async Task GivesUpAfterMaxRetriesAndThrowsTheLastError(int status)
    {
        var inner = new TestChatClient { OnResponse = (_, _, _, _) => throw Errors.Status(status) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { MaxRetries = 2, Backoff = TimeSpan.Zero });

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(3, inner.CallCount);
    }

    [Fact]
    public async Task RetriesRawConnectionFailuresOfThirdPartyClients()
    {
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => n == 1 ? throw new System.Net.Http.HttpRequestException("reset") : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });
        _ = await client.GetResponseAsync(s_prompt);
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task CancellationIsNeverRetriedAndStopsTheWait()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient(clock: time) { OnResponse = (_, _, _, _) => throw Errors.Status(503) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.FromSeconds(5) }, time);
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> call = client.GetResponseAsync(s_prompt, cancellationToken: cts.Token);
        await time.WaitForTimersAsync(1);
        await cts.CancelAsync();
        _ = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, inner.CallCount);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.75)]
    [InlineData(0.5, 0.875)]
    public void BackoffDoublesPerRetryWithJitterTakingOffAtMostAQuarter(double jitter, double factor)
    {
        for (int retry = 0; retry < 5; retry++)
        {
            TimeSpan expected = TimeSpan.FromMilliseconds(1000 * Math.Pow(2, retry) * factor);
            Assert.Equal(expected, RetryEngine.Backoff(retry, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), jitter));
        }
    }

    [Fact]
    public void RandomJitterStaysWithinBoundsAndTheCap()
    {
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            int retry = i % 8;
            TimeSpan d = RetryEngine.Backoff(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), random.NextDouble());
            double nominal = Math.Min(1000 * Math.Pow(2, retry), 60_000);
            Assert.InRange(d.TotalMilliseconds, Math.Min(nominal * 0.75, 60_000), nominal);
        }
    }

    [Fact]
    public async Task AStreamIsRetriedBeforeItsFirstChunk()
    {
        var inner = new TestChatClient { OnStream = (n, _, _, _) => n == 1 ? Fail(Errors.Status(502)) : TestChatClient.Updates("a", "b") };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(s_prompt).ToListAsync();

        Assert.Equal(2, inner.CallCount);
        Assert.Equal("ab", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(2, updates[0].AdditionalProperties![AiResponseProperties.Attempts]);
    }

    [Fact]
    public async Task AStreamIsNeverRetriedAfterItsFirstChunk()
    {
        var inner = new TestChatClient { OnStream = (_, _, _, _) => CutAfterFirst() };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });
        var seen = new List<string>();

        AiException error = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate u in client.GetStreamingResponseAsync(s_prompt))
            {
                seen.Add(u.Text);
            }
        });

        Assert.Equal(AiErrorKind.StreamInterrupted, error.Kind);
        Assert.Equal(["first"], seen);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task EveryRetryIsLoggedAtWarningWithAttemptDelayAndReason()
    {
        var logger = new FakeLogger();
        var inner = new TestChatClient("retry-log") { OnResponse = (n, _, _, _) => n < 3 ? throw Errors.Status(503) : Task.FromResult(TestChatClient.Reply("ok")) };
        using var client = new RetryChatClient(inner, new AiRetryOptions { Backoff = TimeSpan.Zero }, logger: logger);

        _ = await client.GetResponseAsync(s_prompt);

        IReadOnlyList<FakeLogRecord> records = logger.Collector.GetSnapshot();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Equal("Retrying retry-log chat (retry 1 of 3) in 0 ms after ServerError from test (HTTP 503).", records[0].Message);
        Assert.Equal("2", records[1].StructuredState!.Single(s => s.Key == "Attempt").Value);
    }

    [Fact]
    public async Task EmbeddingsAreRetriedToo()
    {
        var inner = new TestEmbeddingGenerator { OnGenerate = (n, v, _, _) => n == 1 ? throw Errors.Status(500) : Task.FromResult(TestEmbeddingGenerator.Vectors(v, "m")) };
        using var generator = new RetryEmbeddingGenerator(inner, new AiRetryOptions { Backoff = TimeSpan.Zero });

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["a", "bb"]);

        Assert.Equal(2, result.Count);
        Assert.Equal(2, result.AdditionalProperties![AiResponseProperties.Attempts]);
    }

    [Fact]
    public void Ctor_InvalidArgs_Throws()
    {
        _ = Assert.Throws<ArgumentNullException>("innerClient", () => new RetryChatClient(null!));
        _ = Assert.Throws<ArgumentOutOfRangeException>("value", () => new AiRetryOptions { MaxRetries = -1 });
    }

    internal static async IAsyncEnumerable<ChatResponseUpdate> Fail(Exception error)
    {
        await Task.Yield();
        throw error;
#pragma warning disable CS0162 // Unreachable code detected: the yield makes this an iterator.
        yield break;
#pragma warning restore CS0162
    }

    internal static async IAsyncEnumerable<ChatResponseUpdate> CutAfterFirst()
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "first");
        throw Errors.Cut();
    }
}
