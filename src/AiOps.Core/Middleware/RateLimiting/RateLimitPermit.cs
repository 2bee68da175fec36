// Licensed under the MIT License.

using System;
using System.Threading.RateLimiting;

namespace AiOps;

/// <summary>What a call holds while it runs: the concurrency lease, if that limit is on.</summary>
internal readonly struct RateLimitPermit(RateLimitLease? concurrency) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => concurrency?.Dispose();
}
