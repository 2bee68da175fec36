// Licensed under the MIT License.

using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Client-side limits for one provider endpoint (System.Threading.RateLimiting): a token bucket of requests per second, a token
/// bucket of model tokens per minute and a concurrency limiter. Callers wait in one bounded, cancellable queue.</summary>
/// <remarks>
/// <para>Requests: a bucket of one request (for 10/s and above, rate/10) refilled continuously at the rate, so calls are spaced rather
/// than burst. Tokens: a bucket of <see cref="AiRateLimitOptions.TokensPerMinute"/> refilled continuously at 1/60 of it per second; a
/// call takes its estimate (prompt tokens estimated with Microsoft.ML.Tokenizers plus its output limit, capped at the bucket size) and,
/// when the reported usage is larger, the difference too (the bucket goes into debt, which later calls wait out). Concurrency: a
/// System.Threading.RateLimiting <see cref="ConcurrencyLimiter"/> permit held until the call, or the stream, ends.</para>
/// <para>The buckets follow the <see cref="TimeProvider"/>. <see cref="AiClientFactory"/> keeps one per provider endpoint.
/// This type is thread-safe.</para>
/// </remarks>
public sealed class AiRateLimiter : IDisposable
{
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;
    private readonly ConcurrencyLimiter? _concurrency;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _provider;
    private int _waiting;

    /// <summary>Initializes a new instance of the <see cref="AiRateLimiter"/> class.</summary>
    /// <param name="options">The limits.</param>
    /// <param name="provider">The provider id (for messages and tags).</param>
    /// <param name="timeProvider">The clock that refills the buckets. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where refusals are logged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public AiRateLimiter(AiRateLimitOptions options, string provider = "custom", TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        Options = Throw.IfNull(options);
        _provider = provider;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        if (options.RequestsPerSecond > 0)
        {
            long burst = options.RequestsPerSecond >= 10 ? (long)Math.Round(options.RequestsPerSecond / 10) : 1;
            _requests = new TokenBucket(burst, options.RequestsPerSecond, _timeProvider);
        }

        if (options.TokensPerMinute > 0)
        {
            _tokens = new TokenBucket(options.TokensPerMinute, options.TokensPerMinute / 60.0, _timeProvider);
        }

        if (options.MaxConcurrency > 0)
        {
            _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrency,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    /// <summary>Gets the limits.</summary>
    public AiRateLimitOptions Options { get; }

    /// <summary>Gets how many callers are waiting now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Gets a value indicating whether calls need a token estimate.</summary>
    internal bool CountsTokens => _tokens is not null;

    /// <summary>Gets the tokens left in the per-minute bucket (negative while in debt), or <see langword="null"/> without that limit.</summary>
    internal long? AvailableTokens => _tokens?.Available;

    /// <inheritdoc/>
    public void Dispose()
    {
        _requests?.Dispose();
        _tokens?.Dispose();
        _concurrency?.Dispose();
    }

    /// <summary>Waits for a request slot, <paramref name="estimatedTokens"/> tokens and a concurrency permit (dispose it when the call ends).</summary>
    internal async ValueTask<RateLimitPermit> AcquireAsync(int estimatedTokens, CancellationToken cancellationToken)
    {
        long start = 0;
        if (_requests is not null && !_requests.TryTake(1))
        {
            start = _timeProvider.GetTimestamp();
            await WaitAsync(ct => _requests.WaitAsync(1, ct), cancellationToken);
        }

        if (_tokens is not null)
        {
            long permits = Math.Clamp(estimatedTokens, 1, _tokens.Capacity);
            if (!_tokens.TryTake(permits))
            {
                start = start == 0 ? _timeProvider.GetTimestamp() : start;
                await WaitAsync(ct => _tokens.WaitAsync(permits, ct), cancellationToken);
            }
        }

        RateLimitLease? held = null;
        if (_concurrency is not null)
        {
            held = _concurrency.AttemptAcquire(1);
            if (!held.IsAcquired)
            {
                held.Dispose();
                start = start == 0 ? _timeProvider.GetTimestamp() : start;
                RateLimitLease? lease = null;
                await WaitAsync(async ct => lease = await _concurrency.AcquireAsync(1, ct), cancellationToken);
                held = lease!;
                if (!held.IsAcquired)
                {
                    held.Dispose();
                    throw QueueFull(Waiting, retryAfter: null);
                }
            }
        }

        if (start != 0)
        {
            AiOpsTelemetry.RateLimitWait.Record(_timeProvider.GetElapsedTime(start).TotalSeconds, AiOpsTelemetry.Tag("gen_ai.provider.name", _provider));
        }

        return new RateLimitPermit(held);
    }

    /// <summary>Takes the tokens a call used beyond its estimate; the bucket may go into debt, which later calls wait out.</summary>
    internal void Correct(int estimatedTokens, long actualTokens)
    {
        if (_tokens is null)
        {
            return;
        }

        long extra = actualTokens - Math.Clamp(estimatedTokens, 1, _tokens.Capacity);
        if (extra > 0)
        {
            _tokens.Take(Math.Min(extra, _tokens.Capacity));
        }
    }

    private async ValueTask WaitAsync(Func<CancellationToken, Task> wait, CancellationToken cancellationToken)
    {
        int waiting = Interlocked.Increment(ref _waiting);
        try
        {
            if (waiting > Options.QueueLimit)
            {
                throw QueueFull(waiting - 1, retryAfter: null);
            }

            await wait(cancellationToken);
        }
        finally
        {
            _ = Interlocked.Decrement(ref _waiting);
        }
    }

    private AiException QueueFull(int waiting, TimeSpan? retryAfter)
    {
        MiddlewareLog.RateLimitQueueFull(_logger, _provider, waiting);
        AiOpsTelemetry.RateLimitRejections.Add(1, AiOpsTelemetry.Tag("gen_ai.provider.name", _provider));
        return new AiException(
            AiErrorKind.RateLimited,
            $"The client-side limits for {_provider} (AI_RATE_LIMIT, AI_TOKENS_PER_MINUTE, AI_MAX_CONCURRENCY) already have {waiting} callers waiting, the most AI_RATE_LIMIT_QUEUE allows ({Options.QueueLimit}). Try again later, or raise the limits.")
        {
            Provider = _provider,
            RetryAfter = retryAfter,
            IsRetryable = true,
        };
    }
}
