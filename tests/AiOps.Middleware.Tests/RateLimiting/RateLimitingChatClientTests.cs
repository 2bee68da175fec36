// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace AiOps.Middleware.Tests;

public sealed class RateLimitingChatClientTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task RequestsAreSpacedByTheRateAndWaitInsteadOfFailing()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient();
        using var client = new RateLimitingChatClient(inner, new AiRateLimitOptions { RequestsPerSecond = 2 }, time);

        Task<ChatResponse>[] calls = [.. Enumerable.Range(0, 3).Select(_ => client.GetResponseAsync(s_prompt))];
        await inner.WaitForCallAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(1, inner.CallCount);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await inner.WaitForCallAsync(2);
        Assert.Equal(2, inner.CallCount);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await inner.WaitForCallAsync(3);
        _ = await Task.WhenAll(calls);
        Assert.Equal(3, inner.CallCount);
    }

    [Fact]
    public async Task AFullQueueFailsAtOnceWithRateLimited()
    {
        using var metrics = new MetricsCapture();
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient("rl-queue");
        using var client = new RateLimitingChatClient(inner, new AiRateLimitOptions { RequestsPerSecond = 1, QueueLimit = 1 }, time);

        _ = await client.GetResponseAsync(s_prompt);
        Task<ChatResponse> waiting = client.GetResponseAsync(s_prompt);
        Assert.Equal(1, client.Limiter.Waiting);
        AiException e = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));

        Assert.Equal(AiErrorKind.RateLimited, e.Kind);
        Assert.True(e.IsRetryable);
        Assert.Contains("AI_RATE_LIMIT_QUEUE", e.Message, StringComparison.Ordinal);
        Assert.Single(metrics.For(AiOpsTelemetry.RateLimitRejectionsName, "gen_ai.provider.name", "rl-queue"));
        time.Advance(TimeSpan.FromSeconds(1));
        _ = await waiting;
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task AWaitingCallerCanCancel()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient();
        using var client = new RateLimitingChatClient(inner, new AiRateLimitOptions { RequestsPerSecond = 1 }, time);
        _ = await client.GetResponseAsync(s_prompt);
        using var cts = new CancellationTokenSource();
        Task<ChatResponse> waiting = client.GetResponseAsync(s_prompt, cancellationToken: cts.Token);
        await cts.CancelAsync();
        _ = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, client.Limiter.Waiting);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task AStreamHoldsItsConcurrencyPermitUntilItEnds()
    {
        var release = new TaskCompletionSource();
        var inner = new TestChatClient { OnStream = (n, _, _, _) => n == 1 ? Held(release.Task) : TestChatClient.Updates("x") };
        using var client = new RateLimitingChatClient(inner, new AiRateLimitOptions { MaxConcurrency = 1 }, new SignalingTimeProvider());

        await using IAsyncEnumerator<ChatResponseUpdate> first = client.GetStreamingResponseAsync(s_prompt).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());
        Task<List<ChatResponseUpdate>> second = client.GetStreamingResponseAsync(s_prompt).ToListAsync();
        Assert.Equal(1, inner.CallCount);
        Assert.False(second.IsCompleted);

        release.SetResult();
        while (await first.MoveNextAsync())
        {
        }

        _ = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task TokensPerMinuteWaitsForTheEstimateAndCorrectsWithReportedUsage()
    {
        var time = new SignalingTimeProvider();
        string text = new('x', 200); // heuristic model: 50 tokens + 4 per message + 3 per request = 57; plus 20 output = 77
        var inner = new TestChatClient { OnResponse = (n, _, _, _) => Task.FromResult(TestChatClient.Reply("ok", input: 57, output: 20)) };
        using var client = new RateLimitingChatClient(inner, new AiRateLimitOptions { TokensPerMinute = 120 }, time);
        var options = new ChatOptions { ModelId = "claude-sonnet-4-5", MaxOutputTokens = 20 };

        _ = await client.GetResponseAsync([new(ChatRole.User, text)], options);
        Assert.Equal(43, client.Limiter.AvailableTokens);
        Task<ChatResponse> second = client.GetResponseAsync([new(ChatRole.User, text)], options);
        time.Advance(TimeSpan.FromSeconds(16)); // +2 tokens a second: 75
        Assert.Equal(1, inner.CallCount);
        time.Advance(TimeSpan.FromSeconds(1)); // 77
        _ = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task UsageAboveTheEstimateIsTakenFromTheBucket()
    {
        var inner = new TestChatClient { OnResponse = (_, _, _, _) => Task.FromResult(TestChatClient.Reply("ok", input: 250, output: 50)) };
        using var client = new RateLimitingChatClient(inner, new AiRateLimitOptions { TokensPerMinute = 600 }, new SignalingTimeProvider());
        _ = await client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "mystery" });
        Assert.Equal(300, client.Limiter.AvailableTokens);
    }

    [Fact]
    public void KnownOpenAIFamiliesAreEstimatedWithTheirTokenizerOthersByCharacters()
    {
        const string text = "The quick brown fox jumps over the lazy dog.";
        int o200k = TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text);
        int cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base").CountTokens(text);
        ChatMessage[] messages = [new(ChatRole.User, text)];

        Assert.Equal(o200k + 7, TokenEstimator.EstimateChat(messages, "gpt-4o-mini"));
        Assert.Equal(o200k + 7, TokenEstimator.EstimateChat(messages, "o3"));
        Assert.Equal(cl100k + 7, TokenEstimator.EstimateChat(messages, "gpt-4-turbo"));
        Assert.Equal(((text.Length + 3) / 4) + 7, TokenEstimator.EstimateChat(messages, "claude-sonnet-4-5"));
        Assert.Equal(((text.Length + 3) / 4) + 7, TokenEstimator.EstimateChat(messages, null));
    }

    [Fact]
    public void LongRunsWithoutSpacesAreEstimatedInBoundedSegments()
    {
        string blob = string.Concat(Enumerable.Repeat("QUJD", 20_000)); // 80,000 characters of base64, no spaces
        Tokenizer o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        int segments = (blob.Length + TokenEstimator.Segment - 1) / TokenEstimator.Segment;
        int whole = TokenEstimator.Count(blob, o200k);
        int reference = 0;
        for (int i = 0; i < blob.Length; i += TokenEstimator.Segment)
        {
            reference += o200k.CountTokens(blob.Substring(i, Math.Min(TokenEstimator.Segment, blob.Length - i)));
        }

        Assert.Equal(reference, whole);
        Assert.InRange(whole, blob.Length / 8, blob.Length / 2);
        Assert.True(segments > 1);
        Assert.Equal(250_000, TokenEstimator.Count(new string('a', 1_000_000), o200k)); // above the cut-off: the heuristic
    }

    [Fact]
    public async Task EmbeddingsWaitForTheSameLimiter()
    {
        var time = new SignalingTimeProvider();
        using var limiter = new AiRateLimiter(new AiRateLimitOptions { RequestsPerSecond = 1 }, "test", time);
        var inner = new TestEmbeddingGenerator();
        using var generator = new RateLimitingEmbeddingGenerator(inner, limiter);
        _ = await generator.GenerateAsync(["a"]);
        Task second = generator.GenerateAsync(["b"]);
        Assert.Equal(1, inner.CallCount);
        time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, inner.CallCount);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Held(Task release)
    {
        yield return new ChatResponseUpdate(ChatRole.Assistant, "a");
        await release;
        yield return new ChatResponseUpdate(ChatRole.Assistant, "b");
    }
}
