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
/// <para>Requests: a bucket of one request refilled every 1/<c>rate</c> s (for 10/s and above, a bucket of rate/10 refilled every
/// 100 ms), so calls are spaced rather than burst. Tokens: a bucket of <see cref="AiRateLimitOptions.TokensPerMinute"/> refilled each
/// second by 1/60 of it; a call takes its estimate (prompt tokens estimated with Microsoft.ML.Tokenizers plus its output limit, capped at
/// the bucket size) and, when the reported usage is larger, the difference too (as far as the bucket holds it). Concurrency: a permit
/// held until the call, or the stream, ends.</para>
/// <para>Refills are driven by <see cref="TimeProvider"/> timers. <see cref="AiClientFactory"/> keeps one per provider endpoint.
/// This type is thread-safe.</para>
/// </remarks>
public sealed class AiRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter? _requests;
    private readonly TokenBucketRateLimiter? _tokens;
    private readonly ConcurrencyLimiter? _concurrency;
    private readonly ITimer? _requestTimer;
    private readonly ITimer? _tokenTimer;
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
            int perPeriod = options.RequestsPerSecond >= 10 ? (int)Math.Round(options.RequestsPerSecond / 10) : 1;
            TimeSpan period = TimeSpan.FromSeconds(perPeriod / options.RequestsPerSecond);
            _requests = Bucket(perPeriod, perPeriod, period);
            _requestTimer = _timeProvider.CreateTimer(static s => ((TokenBucketRateLimiter)s!).TryReplenish(), _requests, period, period);
        }

        if (options.TokensPerMinute > 0)
        {
            int perSecond = Math.Max(1, (int)Math.Ceiling(options.TokensPerMinute / 60.0));
            _tokens = Bucket(options.TokensPerMinute, perSecond, TimeSpan.FromSeconds(1));
            _tokenTimer = _timeProvider.CreateTimer(static s => ((TokenBucketRateLimiter)s!).TryReplenish(), _tokens, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
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

    /// <summary>Gets the tokens left in the per-minute bucket (for tests and diagnostics), or <see langword="null"/> without that limit.</summary>
    internal long? AvailableTokens => _tokens?.GetStatistics()?.CurrentAvailablePermits;

    /// <inheritdoc/>
    public void Dispose()
    {
        _requestTimer?.Dispose();
        _tokenTimer?.Dispose();
        _requests?.Dispose();
        _tokens?.Dispose();
        _concurrency?.Dispose();
    }

    /// <summary>Waits for a request slot, <paramref name="estimatedTokens"/> tokens and a concurrency permit (dispose it when the call ends).</summary>
    internal async ValueTask<RateLimitPermit> AcquireAsync(int estimatedTokens, CancellationToken cancellationToken)
    {
        long start = 0;
        if (_requests is not null)
        {
            start = await TakeAsync(_requests, 1, start, cancellationToken);
        }

        if (_tokens is not null)
        {
            int permits = Math.Clamp(estimatedTokens, 1, Options.TokensPerMinute);
            start = await TakeAsync(_tokens, permits, start, cancellationToken);
        }

        RateLimitLease? held = null;
        if (_concurrency is not null)
        {
            held = _concurrency.AttemptAcquire(1);
            if (!held.IsAcquired)
            {
                held.Dispose();
                start = start == 0 ? _timeProvider.GetTimestamp() : start;
                held = await WaitAsync(_concurrency, 1, cancellationToken);
            }
        }

        if (start != 0)
        {
            AiOpsTelemetry.RateLimitWait.Record(_timeProvider.GetElapsedTime(start).TotalSeconds, AiOpsTelemetry.Tag("gen_ai.provider.name", _provider));
        }

        return new RateLimitPermit(held);
    }

    /// <summary>Takes the tokens a call used beyond its estimate, as far as the bucket holds them.</summary>
    internal void Correct(int estimatedTokens, long actualTokens)
    {
        if (_tokens is null)
        {
            return;
        }

        long extra = actualTokens - Math.Clamp(estimatedTokens, 1, Options.TokensPerMinute);
        long available = _tokens.GetStatistics()?.CurrentAvailablePermits ?? 0;
        int take = (int)Math.Min(Math.Min(extra, available), Options.TokensPerMinute);
        if (take > 0)
        {
            _tokens.AttemptAcquire(take).Dispose();
        }
    }

    private static TokenBucketRateLimiter Bucket(int limit, int perPeriod, TimeSpan period) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = limit,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        AutoReplenishment = false,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private async ValueTask<long> TakeAsync(RateLimiter limiter, int permits, long start, CancellationToken cancellationToken)
    {
        using RateLimitLease lease = limiter.AttemptAcquire(permits);
        if (lease.IsAcquired)
        {
            return start;
        }

        start = start == 0 ? _timeProvider.GetTimestamp() : start;
        (await WaitAsync(limiter, permits, cancellationToken)).Dispose();
        return start;
    }

    private async ValueTask<RateLimitLease> WaitAsync(RateLimiter limiter, int permits, CancellationToken cancellationToken)
    {
        int waiting = Interlocked.Increment(ref _waiting);
        try
        {
            if (waiting > Options.QueueLimit)
            {
                throw QueueFull(waiting - 1, retryAfter: null);
            }

            RateLimitLease lease = await limiter.AcquireAsync(permits, cancellationToken);
            if (!lease.IsAcquired)
            {
                TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) ? after : null;
                lease.Dispose();
                throw QueueFull(waiting - 1, retryAfter);
            }

            return lease;
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
