// Licensed under the MIT License.

using System;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Source-generated log messages of the AiOps middleware. None carries a key or, unless <c>AI_LOG_CONTENT</c> is on, content.</summary>
internal static partial class MiddlewareLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Retrying {Provider} {Operation} (retry {Attempt} of {MaxRetries}) in {DelayMs} ms after {Reason}.")]
    public static partial void Retrying(ILogger logger, string provider, string operation, int attempt, int maxRetries, double delayMs, string reason);

    [LoggerMessage(1002, LogLevel.Warning, "{Provider} asked to wait {RetryAfterMs} ms, more than AI_RETRY_MAX_DELAY ({MaxDelayMs} ms); failing at once with RateLimited after {Reason}.")]
    public static partial void HintAboveCap(ILogger logger, string provider, double retryAfterMs, double maxDelayMs, string reason);

    [LoggerMessage(1101, LogLevel.Warning, "Circuit breaker for {Circuit} opened after {Failures} consecutive failures; calls fail fast for {BreakMs} ms. Last failure: {Reason}.")]
    public static partial void CircuitOpened(ILogger logger, string circuit, int failures, double breakMs, string reason);

    [LoggerMessage(1102, LogLevel.Information, "Circuit breaker for {Circuit} is half-open: one probe call goes through.")]
    public static partial void CircuitHalfOpen(ILogger logger, string circuit);

    [LoggerMessage(1103, LogLevel.Information, "Circuit breaker for {Circuit} closed: the probe call succeeded.")]
    public static partial void CircuitClosed(ILogger logger, string circuit);

    [LoggerMessage(1201, LogLevel.Warning, "Falling back from {From} to {To} after {Reason}.")]
    public static partial void FallingBack(ILogger logger, string from, string to, string reason);

    [LoggerMessage(1301, LogLevel.Warning, "Client-side rate limit for {Provider} refused a call: {Waiting} callers are already waiting (AI_RATE_LIMIT_QUEUE).")]
    public static partial void RateLimitQueueFull(ILogger logger, string provider, int waiting);

    [LoggerMessage(1401, LogLevel.Warning, "Budget refused a {Provider} call to {Model}: spent {Spent} USD, reserved {Reserved} USD, estimate {Estimate} USD, budget {Budget} USD.")]
    public static partial void BudgetRefused(ILogger logger, string provider, string? model, decimal spent, decimal reserved, decimal estimate, decimal budget);

    [LoggerMessage(1501, LogLevel.Information, "AI {Operation} {Provider} {Model} completed in {DurationMs} ms: {InputTokens} input and {OutputTokens} output tokens, {Attempts} attempt(s), cost {CostUsd} USD, cache hit {CacheHit}, request id {RequestId}.")]
    public static partial void Completed(ILogger logger, string operation, string provider, string? model, double durationMs, long? inputTokens, long? outputTokens, int attempts, decimal? costUsd, bool cacheHit, string? requestId);

    [LoggerMessage(1502, LogLevel.Warning, "AI {Operation} {Provider} {Model} failed after {DurationMs} ms: {ErrorKind} (status {StatusCode}, request id {RequestId}).")]
    public static partial void Failed(ILogger logger, string operation, string provider, string? model, double durationMs, string errorKind, int? statusCode, string? requestId, Exception exception);

    [LoggerMessage(1503, LogLevel.Debug, "AI {Operation} {Provider} {Model} was canceled after {DurationMs} ms.")]
    public static partial void Canceled(ILogger logger, string operation, string provider, string? model, double durationMs);

    [LoggerMessage(1504, LogLevel.Debug, "AI {Operation} {Provider} {Model} request content (AI_LOG_CONTENT): {Content}")]
    public static partial void RequestContent(ILogger logger, string operation, string provider, string? model, string content);

    [LoggerMessage(1505, LogLevel.Debug, "AI {Operation} {Provider} {Model} response content (AI_LOG_CONTENT): {Content}")]
    public static partial void ResponseContent(ILogger logger, string operation, string provider, string? model, string content);
}
