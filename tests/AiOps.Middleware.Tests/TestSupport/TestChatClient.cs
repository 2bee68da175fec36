// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>A scripted chat client: each call runs a callback with its 1-based call number. Records when each call started (by the
/// test's clock) and lets a test await the N-th call.</summary>
public sealed class TestChatClient : IChatClient
{
    private readonly ConcurrentQueue<(int Number, DateTimeOffset At, ChatOptions? Options)> _calls = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();
    private readonly TimeProvider _clock;
    private int _count;

    public TestChatClient(string provider = "test", TimeProvider? clock = null, Uri? endpoint = null)
    {
        _clock = clock ?? TimeProvider.System;
        Metadata = new ChatClientMetadata(provider, endpoint ?? new Uri("https://test.invalid/v1"), "test-model");
    }

    public ChatClientMetadata Metadata { get; }

    public Func<int, IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? OnResponse { get; set; }

    public Func<int, IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? OnStream { get; set; }

    public int CallCount => Volatile.Read(ref _count);

    public IReadOnlyList<DateTimeOffset> CallTimes => _calls.OrderBy(c => c.Number).Select(c => c.At).ToList();

    public IReadOnlyList<ChatOptions?> CallOptions => _calls.OrderBy(c => c.Number).Select(c => c.Options).ToList();

    public Task WaitForCallAsync(int number) => Waiter(number).Task.WaitAsync(TimeSpan.FromSeconds(30));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        int n = Record(options);
        return OnResponse is null ? Task.FromResult(Reply("ok")) : OnResponse(n, messages, options, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        int n = Record(options);
        return OnStream is null ? Updates("o", "k") : OnStream(n, messages, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    public static ChatResponse Reply(string text, long input = 10, long output = 5, string model = "test-model") =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };

    public static async IAsyncEnumerable<ChatResponseUpdate> Updates(params string[] texts)
    {
        await Task.Yield();
        foreach (string t in texts)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, t) { ModelId = "test-model" };
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 })] };
    }

    private int Record(ChatOptions? options)
    {
        int n = Interlocked.Increment(ref _count);
        _calls.Enqueue((n, _clock.GetUtcNow(), options));
        Waiter(n).TrySetResult();
        return n;
    }

    private TaskCompletionSource Waiter(int n) => _waiters.GetOrAdd(n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
