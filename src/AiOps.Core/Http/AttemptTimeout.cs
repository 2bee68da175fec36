// Licensed under the MIT License.

using System;
using System.Threading;

namespace AiOps;

/// <summary>A token cancelled by the caller or when the per-attempt timeout passes on the injected clock; disposing it stops the timer.</summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;

    /// <summary>Initializes a new instance of the <see cref="AttemptTimeout"/> class.</summary>
    /// <param name="timeout">The timeout, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="timeProvider">The clock (tests advance a fake one).</param>
    /// <param name="callerToken">The caller's token.</param>
    public AttemptTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            return;
        }

        // A TimeProvider-driven source: its timer is released when the source is disposed, so nothing fires after the call.
        _timer = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
    }

    /// <summary>Gets the token to pass to the attempt.</summary>
    public CancellationToken Token => _linked.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
