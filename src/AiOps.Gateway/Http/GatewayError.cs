// Licensed under the MIT License.

using System;

namespace AiOps.Gateway;

/// <summary>An error the gateway answers with, in OpenAI's error shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Type">OpenAI's <c>type</c> (for example <c>invalid_request_error</c>).</param>
/// <param name="Code">OpenAI's <c>code</c> (for example <c>model_not_found</c>), or <see langword="null"/>.</param>
/// <param name="Message">What happened and what to do; never a key or the prompt.</param>
/// <param name="Param">The request field at fault, or <see langword="null"/>.</param>
internal sealed record GatewayError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    /// <summary>Gets how long the caller should wait (sent as <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the provider that failed, when the error came from upstream.</summary>
    public string? Provider { get; init; }

    public static GatewayError BadRequest(string message, string? param = null, string? code = "invalid_value") =>
        new(400, "invalid_request_error", code, message, param);

    public static GatewayError Unauthorized(string message) =>
        new(401, "authentication_error", "invalid_api_key", message);

    public static GatewayError Forbidden(string message, string? param = null) =>
        new(403, "permission_error", "model_not_allowed", message, param);

    public static GatewayError NotFound(string message, string? code = "not_found", string? param = null) =>
        new(404, "not_found_error", code, message, param);

    public static GatewayError TooLarge(long limit) =>
        new(413, "invalid_request_error", "request_too_large", $"The request body is larger than this gateway accepts ({limit} bytes). Send a smaller request, or split the batch.");

    /// <summary>Maps an <see cref="AiException"/> from the core or a provider to the status a caller should see.</summary>
    /// <remarks>Upstream credential problems (401/403 from the provider, a missing provider key) are the gateway operator's to fix,
    /// so they become 502/500, never the caller-facing 401/403 that would suggest the caller's gateway key is wrong.</remarks>
    public static GatewayError FromException(AiException ex)
    {
        string message = ex.Message;
        GatewayError error = ex.Kind switch
        {
            AiErrorKind.InvalidRequest => new(400, "invalid_request_error", ex.ErrorCode ?? "invalid_value", message, ex.Parameter),
            AiErrorKind.ContextLengthExceeded => new(400, "invalid_request_error", "context_length_exceeded", message, ex.Parameter ?? "messages"),
            AiErrorKind.ContentFiltered => new(400, "invalid_request_error", "content_filter", message, ex.Parameter),
            AiErrorKind.NotSupported => new(400, "invalid_request_error", "unsupported_value", message, ex.Parameter),
            AiErrorKind.NotFound => new(404, "not_found_error", "model_not_found", message, "model"),
            AiErrorKind.RateLimited => new(429, "rate_limit_error", "rate_limit_exceeded", message),
            AiErrorKind.QuotaExceeded => new(429, "insufficient_quota", "insufficient_quota", message),
            AiErrorKind.BudgetExceeded => new(429, "insufficient_quota", "budget_exceeded", message),
            AiErrorKind.Authentication => new(502, "upstream_error", "upstream_authentication_failed",
                $"The provider rejected the gateway's credentials ({ex.Provider ?? "provider"}). The gateway operator must fix the provider key; your gateway key is fine."),
            AiErrorKind.PermissionDenied => new(502, "upstream_error", "upstream_permission_denied",
                $"The provider refused the gateway's credentials for this request ({ex.Provider ?? "provider"}). The gateway operator must check the provider account."),
            AiErrorKind.MissingApiKey or AiErrorKind.InvalidConfiguration => new(500, "server_error", "gateway_misconfigured",
                "The gateway is not configured for this provider: " + message),
            AiErrorKind.Timeout => new(504, "server_error", "upstream_timeout", message),
            AiErrorKind.Overloaded => new(503, "server_error", "upstream_overloaded", message),
            AiErrorKind.CircuitOpen => new(503, "server_error", "circuit_open", message),
            AiErrorKind.StreamInterrupted => new(502, "server_error", "stream_interrupted", message),
            AiErrorKind.InvalidResponse => new(502, "server_error", "invalid_upstream_response", message),
            _ => new(502, "server_error", "upstream_error", message),
        };
        return error with { RetryAfter = ex.RetryAfter, Provider = ex.Provider };
    }
}
