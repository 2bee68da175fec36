// Licensed under the MIT License.

using System;
using System.Globalization;

namespace AiOps.PowerShell.Engine;

/// <summary>Describes an <c>AiException</c> in BCL terms for the cmdlets' error records.</summary>
public static class ErrorDescriber
{
    /// <summary>Describes a failure.</summary>
    /// <param name="exception">The exception a request threw.</param>
    /// <returns>The description, or <see langword="null"/> when it is not an AiOps error.</returns>
    public static ErrorInfo? Describe(Exception exception)
    {
        if (exception is not AiException ai)
        {
            return null;
        }

        return new ErrorInfo
        {
            Kind = ai.Kind.ToString(),
            Provider = ai.Provider,
            StatusCode = ai.StatusCode,
            ErrorCode = ai.ErrorCode,
            Parameter = ai.Parameter,
            RequestId = ai.RequestId,
            RetryAfter = ai.RetryAfter,
            IsRetryable = ai.IsRetryable,
            IsCommandWide = ai.Kind is AiErrorKind.InvalidConfiguration or AiErrorKind.MissingApiKey or AiErrorKind.Authentication
                or AiErrorKind.PermissionDenied or AiErrorKind.QuotaExceeded or AiErrorKind.CircuitOpen or AiErrorKind.BudgetExceeded
                or AiErrorKind.NotSupported,
            RecommendedAction = Recommend(ai),
            Summary = ai.ToSummary(),
        };
    }

    private static string Recommend(AiException ai)
    {
        string provider = ai.Provider ?? "the provider";
        return ai.Kind switch
        {
            AiErrorKind.InvalidConfiguration => ai.Parameter is null ? "Fix the setting named in the message." : $"Fix {ai.Parameter} as the message says.",
            AiErrorKind.MissingApiKey => $"Set {ai.Parameter ?? "the provider's key variable"}, run Set-AiDefault -ApiKey, or pass -ApiKey.",
            AiErrorKind.InvalidRequest => ai.Parameter is null ? "Change the request as the message says." : $"Change {ai.Parameter} as the message says.",
            AiErrorKind.Authentication => $"Check the API key for {provider}: it was rejected. Get-AiProvider shows where the key comes from.",
            AiErrorKind.PermissionDenied => $"The key for {provider} is not allowed to do this; check the model access and project of the key.",
            AiErrorKind.NotFound => "Check the model or deployment name (-Model, -Deployment) and the endpoint (-BaseUri).",
            AiErrorKind.RateLimited => ai.RetryAfter is TimeSpan wait
                ? $"Wait {wait.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s and retry, send fewer requests (AI_RATE_LIMIT, -ThrottleLimit), or raise -MaxRetries."
                : "Wait and retry, send fewer requests (AI_RATE_LIMIT, -ThrottleLimit), or raise -MaxRetries.",
            AiErrorKind.QuotaExceeded => $"Add credit or raise the quota of the {provider} account; retrying does not help.",
            AiErrorKind.ContextLengthExceeded => "Send less context (fewer or smaller pipeline objects, -PerItem) or use a model with a larger context window.",
            AiErrorKind.ContentFiltered => "Rephrase the prompt; the provider's safety system blocked it.",
            AiErrorKind.Timeout => "Raise -TimeoutSec (AI_TIMEOUT) or ask for a shorter answer (-MaxTokens).",
            AiErrorKind.ServerError => "Retry later; the provider failed or could not be reached. Check -BaseUri and the proxy settings.",
            AiErrorKind.Overloaded => "Retry later or use another provider or model; the provider is overloaded.",
            AiErrorKind.CircuitOpen => "Wait for the circuit to close, or use another provider; recent calls kept failing.",
            AiErrorKind.StreamInterrupted => "Retry the request; the stream was cut before it finished and its partial text was discarded.",
            AiErrorKind.NotSupported => "Use a provider that supports this (Get-AiProvider shows chat and embedding support).",
            AiErrorKind.BudgetExceeded => "Raise the budget or wait for the next budget period.",
            AiErrorKind.InvalidResponse => "Retry, lower -Temperature, or simplify -ResponseSchema.",
            _ => "See the error message.",
        };
    }
}
