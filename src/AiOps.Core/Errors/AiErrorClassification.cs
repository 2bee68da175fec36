// Licensed under the MIT License.

namespace AiOps;

/// <summary>Maps HTTP status codes to <see cref="AiErrorKind"/> and decides retryability as the official SDKs do.</summary>
internal static class AiErrorClassification
{
    /// <summary>Gets whether a kind is retryable when the server gave no <c>x-should-retry</c> hint.</summary>
    public static bool IsRetryableByDefault(AiErrorKind kind) => kind switch
    {
        AiErrorKind.RateLimited or AiErrorKind.Timeout or AiErrorKind.ServerError or AiErrorKind.Overloaded => true,
        _ => false,
    };

    /// <summary>Gets whether a status code is in the retryable list (408, 409, 429, 500, 502, 503, 504, 529).</summary>
    public static bool IsRetryableStatus(int status) => status is 408 or 409 or 429 or 500 or 502 or 503 or 504 or 529;

    /// <summary>Maps a status code to the kind it means when the body says nothing more specific.</summary>
    public static AiErrorKind KindFromStatus(int status) => status switch
    {
        400 or 413 or 422 => AiErrorKind.InvalidRequest,
        401 => AiErrorKind.Authentication,
        403 => AiErrorKind.PermissionDenied,
        404 => AiErrorKind.NotFound,
        408 => AiErrorKind.Timeout,
        409 => AiErrorKind.ServerError,
        429 => AiErrorKind.RateLimited,
        529 => AiErrorKind.Overloaded,
        >= 500 => AiErrorKind.ServerError,
        _ => AiErrorKind.InvalidRequest,
    };
}
