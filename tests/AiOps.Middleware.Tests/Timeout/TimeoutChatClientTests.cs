// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

public sealed class TimeoutChatClientTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task ACallThatRunsOutOfTimeFailsWithTimeoutNamingTheSetting()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient("slowpoke") { OnResponse = async (_, _, _, ct) => { await Task.Delay(Timeout.Infinite, ct); return TestChatClient.Reply("never"); } };
        using var client = new TimeoutChatClient(inner, new AiTimeoutOptions { Timeout = TimeSpan.FromSeconds(100) }, time);

        Task<ChatResponse> call = client.GetResponseAsync(s_prompt);
        await inner.WaitForCallAsync(1);
        time.Advance(TimeSpan.FromSeconds(99));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        AiException e = await Assert.ThrowsAsync<AiException>(() => call);

        Assert.Equal(AiErrorKind.Timeout, e.Kind);
        Assert.True(e.IsRetryable);
        Assert.Equal("slowpoke", e.Provider);
        Assert.Equal("slowpoke did not answer within 100s (AI_TIMEOUT). Raise AI_TIMEOUT for long answers, or stream them.", e.Message);
    }

    [Fact]
    public async Task CallerCancellationStaysCancellation()
    {
        var inner = new TestChatClient { OnResponse = async (_, _, _, ct) => { await Task.Delay(Timeout.Infinite, ct); return TestChatClient.Reply("never"); } };
        using var client = new TimeoutChatClient(inner, new AiTimeoutOptions(), new SignalingTimeProvider());
        using var cts = new CancellationTokenSource();
        Task<ChatResponse> call = client.GetResponseAsync(s_prompt, cancellationToken: cts.Token);
        await inner.WaitForCallAsync(1);
        await cts.CancelAsync();
        _ = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task AStreamMustDeliverItsFirstChunkInTime()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestChatClient { OnStream = (_, _, _, ct) => Silent(ct) };
        using var client = new TimeoutChatClient(inner, new AiTimeoutOptions { Timeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(5) }, time);

        Task<List<ChatResponseUpdate>> read = client.GetStreamingResponseAsync(s_prompt).ToListAsync();
        await inner.WaitForCallAsync(1);
        await time.WaitForTimersAsync(1);
        time.Advance(TimeSpan.FromSeconds(10));
        AiException e = await Assert.ThrowsAsync<AiException>(() => read);
        Assert.Equal(AiErrorKind.Timeout, e.Kind);
    }

    [Fact]
    public async Task AStreamThatGoesQuietFailsWithStreamInterrupted()
    {
        var time = new SignalingTimeProvider();
        var gate = new SemaphoreSlim(0);
        var inner = new TestChatClient { OnStream = (_, _, _, ct) => Paced(gate, ct) };
        using var client = new TimeoutChatClient(inner, new AiTimeoutOptions { Timeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(5) }, time);
        var seen = new List<string>();

        Task read = Task.Run(async () =>
        {
            await foreach (ChatResponseUpdate u in client.GetStreamingResponseAsync(s_prompt))
            {
                seen.Add(u.Text);
            }
        });
        await inner.WaitForCallAsync(1);
        gate.Release(); // chunk 1
        gate.Release(); // chunk 2
        await WaitUntil(() => seen.Count == 2);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        AiException e = await Assert.ThrowsAsync<AiException>(() => read);

        Assert.Equal(AiErrorKind.StreamInterrupted, e.Kind);
        Assert.Contains("AI_STREAM_IDLE_TIMEOUT", e.Message, StringComparison.Ordinal);
        Assert.Equal(["c1", "c2"], seen);
    }

    [Fact]
    public async Task EmbeddingCallsAreBoundedToo()
    {
        var time = new SignalingTimeProvider();
        var inner = new TestEmbeddingGenerator { OnGenerate = async (_, _, _, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; } };
        using var generator = new TimeoutEmbeddingGenerator(inner, new AiTimeoutOptions { Timeout = TimeSpan.FromSeconds(3) }, time);
        Task call = generator.GenerateAsync(["a"]);
        await time.WaitForTimersAsync(1);
        time.Advance(TimeSpan.FromSeconds(3));
        AiException e = await Assert.ThrowsAsync<AiException>(() => call);
        Assert.Equal(AiErrorKind.Timeout, e.Kind);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Yield();
            cts.Token.ThrowIfCancellationRequested();
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Silent([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        yield break;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Paced(SemaphoreSlim gate, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 1; ; i++)
        {
            await gate.WaitAsync(ct);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "c" + i);
        }
    }
}
