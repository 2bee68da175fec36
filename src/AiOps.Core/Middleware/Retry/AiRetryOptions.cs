// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>How <see cref="RetryChatClient"/> and <see cref="RetryEmbeddingGenerator"/> retry.</summary>
/// <remarks>Delays: the server's hint when it gave one (<c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, <c>retry-after</c> seconds or
/// HTTP date); otherwise <see cref="Backoff"/> × 2^retry with up to 25 % jitter taken off (the official SDKs' formula), capped at
/// <see cref="MaxDelay"/>. A server hint above <see cref="MaxDelay"/> is not slept on: the call fails at once with
/// <see cref="AiErrorKind.RateLimited"/> carrying <see cref="AiException.RetryAfter"/>.</remarks>
public sealed class AiRetryOptions
{
    /// <summary>Gets or sets how many times a retryable failure is retried (<c>AI_MAX_RETRIES</c>).</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetries must be 0 or more.");
    } = 3;

    /// <summary>Gets or sets the first backoff (<c>AI_RETRY_BACKOFF</c>); it doubles per retry.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan Backoff
    {
        get;
        set => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Backoff must not be negative.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest single wait (<c>AI_RETRY_MAX_DELAY</c>).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxDelay
    {
        get;
        set => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDelay must not be negative.");
    } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the source of jitter in [0, 1) (tests make it deterministic).</summary>
    internal Func<double> Jitter { get; set; } = static () => Random.Shared.NextDouble();

    /// <summary>Creates the options from <see cref="AiOpsOptions"/>.</summary>
    internal static AiRetryOptions From(AiOpsOptions options) => new()
    {
        MaxRetries = options.MaxRetries,
        Backoff = options.RetryBackoff,
        MaxDelay = options.RetryMaxDelay,
    };
}
