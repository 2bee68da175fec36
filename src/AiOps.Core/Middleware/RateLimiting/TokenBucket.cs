// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps;

/// <summary>A token bucket refilled continuously from a <see cref="TimeProvider"/>, with a first-in-first-out queue of waiters and debt
/// (a call that used more than it took leaves the bucket below zero).</summary>
/// <remarks>System.Threading.RateLimiting's <c>TokenBucketRateLimiter</c> refills from <c>Stopwatch</c> even when replenished by hand, so it
/// cannot follow an injected clock; this bucket can, and it can record debt, which the tokens-per-minute correction needs.
/// This type is thread-safe.</remarks>
internal sealed class TokenBucket : IDisposable
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly double _perTick;
    private double _tokens;
    private long _last;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="TokenBucket"/> class, full.</summary>
    /// <param name="capacity">The most tokens the bucket holds.</param>
    /// <param name="perSecond">Tokens added per second.</param>
    /// <param name="timeProvider">The clock.</param>
    public TokenBucket(long capacity, double perSecond, TimeProvider timeProvider)
    {
        Capacity = capacity;
        _perTick = perSecond / timeProvider.TimestampFrequency;
        _timeProvider = timeProvider;
        _tokens = capacity;
        _last = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static s => ((TokenBucket)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets the most tokens the bucket holds.</summary>
    public long Capacity { get; }

    /// <summary>Gets the whole tokens available now (negative while in debt).</summary>
    public long Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return (long)Math.Floor(_tokens);
            }
        }
    }

    /// <summary>Takes <paramref name="count"/> tokens if nobody is queued and they are there.</summary>
    public bool TryTake(long count)
    {
        lock (_gate)
        {
            Refill();
            if (_queue.Count == 0 && _tokens >= count)
            {
                _tokens -= count;
                return true;
            }

            return false;
        }
    }

    /// <summary>Takes <paramref name="count"/> tokens unconditionally (the bucket may go into debt).</summary>
    public void Take(long count)
    {
        lock (_gate)
        {
            Refill();
            _tokens -= count;
        }
    }

    /// <summary>Waits in line for <paramref name="count"/> tokens.</summary>
    public Task WaitAsync(long count, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(count);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Refill();
            if (_queue.Count == 0 && _tokens >= count)
            {
                _tokens -= count;
                return Task.CompletedTask;
            }

            waiter.Node = _queue.AddLast(waiter);
            ArmForHead();
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (s, ct) => ((TokenBucket)((object[])s!)[0]).Cancel((Waiter)((object[])s!)[1], ct), new object[] { this, waiter });
        }

        return waiter.Completion.Task;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (Waiter waiter in _queue)
            {
                _ = waiter.Completion.TrySetException(new ObjectDisposedException(nameof(TokenBucket)));
            }

            _queue.Clear();
        }

        _timer.Dispose();
    }

    private void Refill()
    {
        long now = _timeProvider.GetTimestamp();
        _tokens = Math.Min(Capacity, _tokens + ((now - _last) * _perTick));
        _last = now;
    }

    private void ArmForHead()
    {
        if (_queue.First is not LinkedListNode<Waiter> head)
        {
            _ = _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        double missing = head.Value.Count - _tokens;
        long ticks = (long)Math.Ceiling(missing / _perTick);
        TimeSpan due = TimeSpan.FromTicks(Math.Max(1, ticks * TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency));
        _ = _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        var ready = new List<Waiter>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Refill();
            while (_queue.First is LinkedListNode<Waiter> head && _tokens >= head.Value.Count)
            {
                _tokens -= head.Value.Count;
                _queue.RemoveFirst();
                ready.Add(head.Value);
            }

            ArmForHead();
        }

        foreach (Waiter waiter in ready)
        {
            waiter.Registration.Dispose();
            _ = waiter.Completion.TrySetResult();
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            ArmForHead();
        }

        _ = waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(long count)
    {
        public long Count { get; } = count;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
