// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Middleware.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that lets a test await the N-th timer, so it advances the clock only once the code under
/// test is waiting on it (no sleeps, no races).</summary>
public sealed class SignalingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();
    private int _timers;

    public SignalingTimeProvider()
        : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        int n = Interlocked.Increment(ref _timers);
        Waiter(n).TrySetResult();
        return timer;
    }

    /// <summary>Waits until at least <paramref name="count"/> timers exist in total.</summary>
    public Task WaitForTimersAsync(int count) => Waiter(count).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource Waiter(int n) => _waiters.GetOrAdd(n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
