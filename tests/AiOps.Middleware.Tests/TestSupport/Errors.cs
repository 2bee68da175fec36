// Licensed under the MIT License.

using System;

namespace AiOps.Middleware.Tests;

/// <summary>Provider errors as AiOps providers raise them.</summary>
public static class Errors
{
    public static AiException Status(int status, TimeSpan? retryAfter = null, bool? retryable = null, string provider = "test") =>
        new(AiErrorClassification.KindFromStatus(status), $"HTTP {status}")
        {
            Provider = provider,
            StatusCode = status,
            RetryAfter = retryAfter,
            IsRetryable = retryable ?? AiErrorClassification.IsRetryableStatus(status),
        };

    public static AiException Quota() => new(AiErrorKind.QuotaExceeded, "quota") { StatusCode = 429, ErrorCode = "insufficient_quota", IsRetryable = false };

    public static AiException Filtered() => new(AiErrorKind.ContentFiltered, "filtered") { StatusCode = 400, IsRetryable = false };

    public static AiException Cut() => new(AiErrorKind.StreamInterrupted, "cut") { IsRetryable = true };
}
