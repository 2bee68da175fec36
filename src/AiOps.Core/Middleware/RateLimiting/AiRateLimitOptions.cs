// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Client-side limits of an <see cref="AiRateLimiter"/>: requests per second, tokens per minute and concurrent calls.</summary>
public sealed class AiRateLimitOptions
{
    /// <summary>Gets or sets the requests per second (<c>AI_RATE_LIMIT</c>); 0 for no limit.</summary>
    /// <value>The default value is 0.</value>
    public double RequestsPerSecond
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RequestsPerSecond must be 0 or a positive number.");
    }

    /// <summary>Gets or sets the tokens per minute (<c>AI_TOKENS_PER_MINUTE</c>); 0 for no limit.</summary>
    /// <value>The default value is 0.</value>
    public int TokensPerMinute
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "TokensPerMinute must be 0 or more.");
    }

    /// <summary>Gets or sets the calls that may run at once (<c>AI_MAX_CONCURRENCY</c>); 0 for no limit.</summary>
    /// <value>The default value is 0.</value>
    public int MaxConcurrency
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConcurrency must be 0 or more.");
    }

    /// <summary>Gets or sets how many callers may wait at once (<c>AI_RATE_LIMIT_QUEUE</c>); the next fails with <see cref="AiErrorKind.RateLimited"/>.</summary>
    /// <value>The default value is 1000.</value>
    public int QueueLimit
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "QueueLimit must be 0 or more.");
    } = 1000;

    /// <summary>Gets a value indicating whether any limit is set.</summary>
    public bool IsEnabled => RequestsPerSecond > 0 || TokensPerMinute > 0 || MaxConcurrency > 0;

    /// <summary>Creates the options from <see cref="AiOpsOptions"/>.</summary>
    internal static AiRateLimitOptions From(AiOpsOptions options) => new()
    {
        RequestsPerSecond = options.RateLimit,
        TokensPerMinute = options.TokensPerMinute,
        MaxConcurrency = options.MaxConcurrency,
        QueueLimit = options.RateLimitQueue,
    };
}
