// Licensed under the MIT License.

using System;
using System.IO;
using System.Net.Http;

namespace AiOps;

/// <summary>The one place that decides what a failure means to retry, the circuit breaker and fallback.</summary>
internal static class ResilienceClassifier
{
    /// <summary>Gets whether sending the same request again may succeed: <see cref="AiException.IsRetryable"/> (the retryable status list,
    /// connection failures, timeouts, <c>x-should-retry</c>), or a raw connection failure from a third-party client. Never cancellation,
    /// an open circuit or a refused budget.</summary>
    public static bool IsRetryable(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        AiException { Kind: AiErrorKind.CircuitOpen or AiErrorKind.BudgetExceeded or AiErrorKind.InvalidConfiguration or AiErrorKind.MissingApiKey } => false,
        AiException ai => ai.IsRetryable,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Classifies a failed attempt for the circuit breaker.</summary>
    public static HealthSignal Health(Exception exception) => exception switch
    {
        OperationCanceledException => HealthSignal.Neutral,
        AiException { Kind: AiErrorKind.ServerError or AiErrorKind.Overloaded or AiErrorKind.Timeout or AiErrorKind.StreamInterrupted } => HealthSignal.Failure,
        AiException { Kind: AiErrorKind.RateLimited or AiErrorKind.CircuitOpen or AiErrorKind.BudgetExceeded or AiErrorKind.MissingApiKey or AiErrorKind.InvalidConfiguration } => HealthSignal.Neutral,
        AiException => HealthSignal.Success, // the provider answered (400, 401, 403, 404, quota, filters): it is healthy.
        HttpRequestException or IOException or TimeoutException => HealthSignal.Failure,
        _ => HealthSignal.Neutral,
    };

    /// <summary>Gets whether a failure moves a call to the next fallback target.</summary>
    public static bool ShouldFailOver(Exception exception, bool onContentFiltered, bool onContextLength) => exception switch
    {
        OperationCanceledException => false,
        AiException { Kind: AiErrorKind.CircuitOpen or AiErrorKind.Timeout or AiErrorKind.RateLimited or AiErrorKind.Overloaded or AiErrorKind.ServerError or AiErrorKind.QuotaExceeded } => true,
        AiException { Kind: AiErrorKind.ContentFiltered } => onContentFiltered,
        AiException { Kind: AiErrorKind.ContextLengthExceeded } => onContextLength,
        AiException { Kind: AiErrorKind.BudgetExceeded or AiErrorKind.InvalidConfiguration } => false,
        _ => IsRetryable(exception),
    };

    /// <summary>Gets the <c>error.type</c> tag for a failure (the <see cref="AiErrorKind"/>, or the exception type).</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        AiException ai => ai.Kind.ToString(),
        _ => exception.GetType().Name,
    };

    /// <summary>Describes a failure for a log line without its message (kind, status, code).</summary>
    public static string Describe(Exception exception) => exception is AiException ai ? ai.ToSummary() : exception.GetType().Name;
}
