// Licensed under the MIT License.

using System;
using System.Threading;

namespace AiOps;

/// <summary>A cancellation token for a whole stream, cancelled by a <see cref="TimeProvider"/> timer that can be re-armed (first-update
/// deadline, then the idle gap) or stopped.</summary>
internal sealed class StreamDeadline : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly ITimer _timer;
    private int _fired;

    /// <summary>Initializes a new instance of the <see cref="StreamDeadline"/> class, armed with <paramref name="first"/>.</summary>
    public StreamDeadline(TimeProvider timeProvider, CancellationToken cancellationToken, TimeSpan first)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = timeProvider.CreateTimer(static s => ((StreamDeadline)s!).Fire(), this, first > TimeSpan.Zero ? first : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets the token the stream runs with.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Gets a value indicating whether the timer cancelled the token.</summary>
    public bool Fired => Volatile.Read(ref _fired) == 1;

    /// <summary>Re-arms the timer with <paramref name="due"/>, or stops it when <paramref name="due"/> is zero.</summary>
    public void Rearm(TimeSpan due)
    {
        if (!Fired)
        {
            _ = _timer.Change(due > TimeSpan.Zero ? due : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }

    private void Fire()
    {
        if (Interlocked.Exchange(ref _fired, 1) == 0)
        {
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The stream ended as the timer fired.
            }
        }
    }
}
