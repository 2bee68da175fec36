// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Net.Http;
using System.Text;

namespace AiOps;

/// <summary>Turns a provider's failed HTTP response into an <see cref="AiException"/> a user can act on.</summary>
internal static class ProviderErrorMapper
{
    /// <summary>Builds the exception for a non-success response whose body has already been read.</summary>
    public static AiException FromResponse(ProviderInfo provider, HttpResponseMessage response, string? body, DateTimeOffset now, string? secret)
    {
        int status = (int)response.StatusCode;
        ProviderErrorBody error = ProviderErrorBody.Parse(body);
        AiErrorKind kind = Classify(status, error);

        TimeSpan? retryAfter = RetryAfterParser.Parse(response.Headers, now) ?? error.RetryDelay ??
            (kind == AiErrorKind.RateLimited ? RateLimitHeaders.AnthropicResetDelay(response.Headers, now) : null);
        bool retryable = kind switch
        {
            AiErrorKind.QuotaExceeded or AiErrorKind.ContentFiltered or AiErrorKind.ContextLengthExceeded => false,
            _ => AiErrorClassification.IsRetryableStatus(status),
        };
        if (RetryAfterParser.ShouldRetry(response.Headers) is bool hint)
        {
            retryable = hint;
        }

        string? providerMessage = SecretRedactor.Redact(error.Message, secret);
        string? code = error.Code ?? error.Type ?? error.Status;
        string? requestId = RequestId(response) ?? error.RequestId;
        return new AiException(kind, Compose(provider, kind, status, code, providerMessage, error, retryAfter))
        {
            Provider = provider.Name,
            StatusCode = status,
            ErrorCode = code,
            ProviderMessage = providerMessage,
            Parameter = error.Param ?? (kind == AiErrorKind.NotFound && IsAboutTheModel(code, error.Message) ? "model" : null),
            RequestId = requestId,
            RetryAfter = retryAfter,
            IsRetryable = retryable,
        };
    }

    /// <summary>Builds the exception for an error reported inside a 200 stream (OpenAI <c>data: {"error":…}</c>, Anthropic <c>event: error</c>).</summary>
    public static AiException FromStreamError(ProviderInfo provider, string? json, string? requestId, string? secret)
    {
        ProviderErrorBody error = ProviderErrorBody.Parse(json);
        string? code = error.Type ?? error.Code ?? error.Status;
        bool overloaded = code is "overloaded_error" || error.Status is "UNAVAILABLE";
        AiErrorKind kind = overloaded ? AiErrorKind.Overloaded : AiErrorKind.StreamInterrupted;
        string? providerMessage = SecretRedactor.Redact(error.Message, secret);
        var sb = new StringBuilder();
        sb.Append(provider.DisplayName).Append(" reported an error in the middle of a streamed answer");
        if (code is not null)
        {
            sb.Append(" (").Append(code).Append(')');
        }

        sb.Append(": ").Append(providerMessage ?? "no message").Append(". The partial answer was discarded; send the request again.");
        return new AiException(kind, sb.ToString())
        {
            Provider = provider.Name,
            ErrorCode = code,
            ProviderMessage = providerMessage,
            RequestId = requestId,
            IsRetryable = overloaded,
        };
    }

    /// <summary>Gets the request id the provider returned, if any.</summary>
    public static string? RequestId(HttpResponseMessage response) =>
        RetryAfterParser.TryGet(response.Headers, "x-request-id", out string? id) ? id :
        RetryAfterParser.TryGet(response.Headers, "request-id", out id) ? id :
        RetryAfterParser.TryGet(response.Headers, "apim-request-id", out id) ? id :
        RetryAfterParser.TryGet(response.Headers, "x-ms-request-id", out id) ? id : null;

    private static AiErrorKind Classify(int status, ProviderErrorBody e)
    {
        string code = (e.Code ?? string.Empty) + " " + (e.Type ?? string.Empty) + " " + (e.InnerCode ?? string.Empty);
        string message = e.Message ?? string.Empty;

        if (Has(code, "insufficient_quota") || Has(message, "credit balance is too low") || (status == 429 && e.IsDailyQuota) ||
            Has(code, "spend_limit") || Has(code, "billing_error"))
        {
            return AiErrorKind.QuotaExceeded;
        }

        if (Has(code, "content_filter") || Has(code, "ResponsibleAIPolicyViolation") || e.FilteredCategories.Count > 0)
        {
            return AiErrorKind.ContentFiltered;
        }

        if (Has(code, "context_length_exceeded") || Has(message, "maximum context length") || Has(message, "prompt is too long") ||
            Has(message, "input token count") && Has(message, "exceeds"))
        {
            return AiErrorKind.ContextLengthExceeded;
        }

        if (Has(code, "overloaded_error") || (status == 503 && e.Status == "UNAVAILABLE"))
        {
            return AiErrorKind.Overloaded;
        }

        if (Has(code, "timeout_error"))
        {
            return AiErrorKind.Timeout;
        }

        if (Has(code, "authentication_error") || Has(code, "invalid_api_key") || Has(code, "API_KEY_INVALID"))
        {
            return AiErrorKind.Authentication;
        }

        if (Has(code, "permission_error"))
        {
            return AiErrorKind.PermissionDenied;
        }

        if (Has(code, "not_found_error") || Has(code, "model_not_found") || Has(code, "DeploymentNotFound"))
        {
            return AiErrorKind.NotFound;
        }

        return AiErrorClassification.KindFromStatus(status);
    }

    /// <summary>Returns whether a 404 says the model (or Azure deployment) does not exist, rather than, say, a wrong base URL.</summary>
    private static bool IsAboutTheModel(string? code, string? message) =>
        Has(code ?? string.Empty, "model_not_found") || Has(code ?? string.Empty, "DeploymentNotFound") ||
        (message is not null && (message.StartsWith("models/", StringComparison.Ordinal) || message.StartsWith("model: ", StringComparison.Ordinal) ||
                                 message.StartsWith("The model ", StringComparison.Ordinal)));

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static string Compose(ProviderInfo provider, AiErrorKind kind, int status, string? code, string? providerMessage, ProviderErrorBody e, TimeSpan? retryAfter)
    {
        var sb = new StringBuilder();
        sb.Append(provider.DisplayName).Append(" answered HTTP ").Append(status.ToString(CultureInfo.InvariantCulture))
          .Append(" (").Append(kind);
        if (code is not null)
        {
            sb.Append(", ").Append(code);
        }

        sb.Append(')');
        if (!string.IsNullOrWhiteSpace(providerMessage))
        {
            sb.Append(": ").Append(providerMessage.Trim().TrimEnd('.')).Append('.');
        }
        else
        {
            sb.Append('.');
        }

        if (e.FilteredCategories.Count > 0)
        {
            sb.Append(" Filtered categories: ").Append(string.Join(", ", e.FilteredCategories)).Append('.');
        }

        string fix = kind switch
        {
            AiErrorKind.Authentication => $" Check the key in {provider.ApiKeyVariable ?? "the provider settings"} (or -ApiKey); it was rejected.",
            AiErrorKind.PermissionDenied => " The key is valid but not allowed to use this model or endpoint; check the key's project, region and permissions.",
            AiErrorKind.NotFound => " Check the model (for Azure OpenAI: the deployment name) and the base URL.",
            AiErrorKind.RateLimited => retryAfter is TimeSpan wait
                ? $" The provider asked to wait {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s before retrying."
                : " Slow down or raise the rate limit; AiOps retries these automatically.",
            AiErrorKind.QuotaExceeded => " The account is out of quota or credit; check the plan and billing. Retrying will not help.",
            AiErrorKind.ContextLengthExceeded => " Shorten the input or lower the output limit, or use a model with a larger context window.",
            AiErrorKind.ContentFiltered => " The provider's safety system blocked the prompt or answer; rephrase the request.",
            AiErrorKind.Overloaded => " The provider is overloaded; retry later or configure a fallback provider.",
            AiErrorKind.ServerError or AiErrorKind.Timeout => " This is usually transient; AiOps retries it automatically.",
            AiErrorKind.InvalidRequest => e.Param is not null ? $" Fix the '{e.Param}' value." : " Fix the request; sending it again unchanged will fail the same way.",
            _ => string.Empty,
        };
        return sb.Append(fix).ToString();
    }
}
