// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace AiOps.Middleware.Tests;

public sealed class ResponseCacheChatClientTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "What is 2+2?")];

    private static (ResponseCacheChatClient Client, TestChatClient Inner, SignalingTimeProvider Time) Create(bool enabled = true, string provider = "test", TimeSpan? ttl = null)
    {
        var time = new SignalingTimeProvider();
        int n = 0;
        var inner = new TestChatClient(provider) { OnResponse = (_, _, _, _) => Task.FromResult(TestChatClient.Reply("answer " + Interlocked.Increment(ref n))) };
        var client = new ResponseCacheChatClient(inner, new InMemoryResponseCache(time, 100), new AiResponseCacheOptions { Enabled = enabled, Ttl = ttl ?? TimeSpan.FromMinutes(10) });
        return (client, inner, time);
    }

    [Fact]
    public async Task TheSameRequestIsAnsweredFromTheCacheAndMarked()
    {
        using var metrics = new MetricsCapture();
        (ResponseCacheChatClient client, TestChatClient inner, _) = Create(provider: "cache-hit");
        var options = new ChatOptions { ModelId = "m", Temperature = 0.2f };

        ChatResponse first = await client.GetResponseAsync(s_prompt, options);
        ChatResponse second = await client.GetResponseAsync([new(ChatRole.User, "What is 2+2?")], new ChatOptions { ModelId = "m", Temperature = 0.2f });

        Assert.Equal(1, inner.CallCount);
        Assert.Equal("answer 1", second.Text);
        Assert.False(first.AdditionalProperties?.ContainsKey(AiResponseProperties.CacheHit) ?? false);
        Assert.Equal(true, second.AdditionalProperties![AiResponseProperties.CacheHit]);
        Assert.Equal(10, second.Usage!.InputTokenCount);
        Assert.Single(metrics.For(AiOpsTelemetry.CacheHitsName, "gen_ai.provider.name", "cache-hit"));
        Assert.Single(metrics.For(AiOpsTelemetry.CacheMissesName, "gen_ai.provider.name", "cache-hit"));
    }

    [Fact]
    public async Task ADifferentModelMessageOrOptionMisses()
    {
        (ResponseCacheChatClient client, TestChatClient inner, _) = Create();
        _ = await client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "m" });
        _ = await client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "other" });
        _ = await client.GetResponseAsync([new(ChatRole.User, "What is 3+3?")], new ChatOptions { ModelId = "m" });
        _ = await client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "m", Temperature = 1 });
        Assert.Equal(4, inner.CallCount);
    }

    [Fact]
    public async Task EntriesExpireAfterTheTtl()
    {
        (ResponseCacheChatClient client, TestChatClient inner, SignalingTimeProvider time) = Create(ttl: TimeSpan.FromMinutes(10));
        _ = await client.GetResponseAsync(s_prompt);
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        _ = await client.GetResponseAsync(s_prompt);
        Assert.Equal(1, inner.CallCount);
        time.Advance(TimeSpan.FromTicks(1));
        ChatResponse fresh = await client.GetResponseAsync(s_prompt);
        Assert.Equal(2, inner.CallCount);
        Assert.Equal("answer 2", fresh.Text);
    }

    [Fact]
    public async Task ACallCanOptInOrOutAndTheAiOpsKeysNeverReachTheProvider()
    {
        (ResponseCacheChatClient off, TestChatClient inner, _) = Create(enabled: false);
        var optIn = new ChatOptions { AdditionalProperties = new() { [AiRequestProperties.Cache] = true, [AiRequestProperties.Tag] = "job-1", ["seed_hint"] = "x" } };
        _ = await off.GetResponseAsync(s_prompt, optIn);
        _ = await off.GetResponseAsync(s_prompt, optIn);
        _ = await off.GetResponseAsync(s_prompt);
        Assert.Equal(2, inner.CallCount);
        AdditionalPropertiesDictionary sent = inner.CallOptions[0]!.AdditionalProperties!;
        Assert.Equal(["seed_hint"], sent.Keys);
        Assert.Equal(3, optIn.AdditionalProperties!.Count); // the caller's options are untouched

        (ResponseCacheChatClient on, TestChatClient inner2, _) = Create(enabled: true);
        var optOut = new ChatOptions { AdditionalProperties = new() { [AiRequestProperties.Cache] = false } };
        _ = await on.GetResponseAsync(s_prompt, optOut);
        _ = await on.GetResponseAsync(s_prompt, optOut);
        Assert.Equal(2, inner2.CallCount);
        Assert.Null(inner2.CallOptions[0]!.AdditionalProperties);
    }

    [Fact]
    public async Task ErrorsAndFilteredAnswersAreNotCached()
    {
        var store = new InMemoryResponseCache(TimeProvider.System, 10);
        var inner = new TestChatClient
        {
            OnResponse = (n, _, _, _) => n switch
            {
                1 => throw Errors.Status(500),
                2 => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "")) { FinishReason = ChatFinishReason.ContentFilter }),
                _ => Task.FromResult(TestChatClient.Reply("ok")),
            },
        };
        using var client = new ResponseCacheChatClient(inner, store, new AiResponseCacheOptions { Enabled = true });
        _ = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt));
        _ = await client.GetResponseAsync(s_prompt);
        Assert.Equal(0, store.Count);
        _ = await client.GetResponseAsync(s_prompt);
        _ = await client.GetResponseAsync(s_prompt);
        Assert.Equal(3, inner.CallCount);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task ACompleteStreamIsCachedAndReplaysAsAStream()
    {
        var inner = new TestChatClient();
        using var client = new ResponseCacheChatClient(inner, new InMemoryResponseCache(TimeProvider.System, 10), new AiResponseCacheOptions { Enabled = true });

        List<ChatResponseUpdate> live = await client.GetStreamingResponseAsync(s_prompt).ToListAsync();
        List<ChatResponseUpdate> replay = await client.GetStreamingResponseAsync(s_prompt).ToListAsync();
        ChatResponse plain = await client.GetResponseAsync(s_prompt);

        Assert.Equal(1, inner.CallCount);
        Assert.Equal("ok", string.Concat(live.Select(u => u.Text)));
        Assert.Equal("ok", string.Concat(replay.Select(u => u.Text)));
        Assert.Equal(true, replay[0].AdditionalProperties![AiResponseProperties.CacheHit]);
        Assert.Equal("ok", plain.Text);
        Assert.Equal(true, plain.AdditionalProperties![AiResponseProperties.CacheHit]);
    }

    [Fact]
    public async Task CutOrAbandonedStreamsAreNotCached()
    {
        var store = new InMemoryResponseCache(TimeProvider.System, 10);
        var inner = new TestChatClient { OnStream = (n, _, _, _) => n == 1 ? RetryChatClientTests.CutAfterFirst() : TestChatClient.Updates("a", "b", "c") };
        using var client = new ResponseCacheChatClient(inner, store, new AiResponseCacheOptions { Enabled = true });

        _ = await Assert.ThrowsAsync<AiException>(() => client.GetStreamingResponseAsync(s_prompt).ToListAsync());
        await foreach (ChatResponseUpdate u in client.GetStreamingResponseAsync(s_prompt))
        {
            break; // the caller stops reading after the first update
        }

        Assert.Equal(0, store.Count);
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task AFailingStoreMakesCallsMissNeverFail()
    {
        var inner = new TestChatClient();
        using var client = new ResponseCacheChatClient(inner, new BrokenStore(), new AiResponseCacheOptions { Enabled = true });
        ChatResponse r = await client.GetResponseAsync(s_prompt);
        Assert.Equal("ok", r.Text);
    }

    [Fact]
    public void TheInMemoryStoreKeepsTheNewestEntries()
    {
        var store = new InMemoryResponseCache(TimeProvider.System, 2);
        var options = new DistributedCacheEntryOptions();
        store.Set("a", [1], options);
        store.Set("b", [2], options);
        store.Set("c", [3], options);
        Assert.Null(store.Get("a"));
        Assert.Equal([3], store.Get("c"));
        Assert.Equal(2, store.Count);
    }

    private sealed class BrokenStore : IDistributedCache
    {
        public byte[]? Get(string key) => throw new InvalidOperationException("down");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("down");

        public void Refresh(string key) => throw new InvalidOperationException("down");

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("down");

        public void Remove(string key) => throw new InvalidOperationException("down");

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("down");

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new InvalidOperationException("down");

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw new InvalidOperationException("down");
    }
}
