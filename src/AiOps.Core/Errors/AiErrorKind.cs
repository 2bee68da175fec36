// Licensed under the MIT License.

namespace AiOps;

/// <summary>What went wrong, in terms a caller can act on. Every <see cref="AiException"/> carries exactly one kind.</summary>
/// <remarks>The set is closed: callers switch on it. The README's error table says what to do for each kind.</remarks>
public enum AiErrorKind
{
    /// <summary>A setting is missing or malformed (an unknown provider, a bad duration, a malformed base URL).</summary>
    InvalidConfiguration,

    /// <summary>The chosen provider needs an API key and none was configured.</summary>
    MissingApiKey,

    /// <summary>The request is malformed or uses a value the provider rejects (HTTP 400, 413, 422).</summary>
    InvalidRequest,

    /// <summary>The key was rejected (HTTP 401).</summary>
    Authentication,

    /// <summary>The key is valid but not allowed to do this (HTTP 403).</summary>
    PermissionDenied,

    /// <summary>The model, deployment or route does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>Too many requests; transient (HTTP 429 without a quota code). <see cref="AiException.RetryAfter"/> says when to try again.</summary>
    RateLimited,

    /// <summary>The account is out of quota or credit (e.g. OpenAI <c>insufficient_quota</c>); retrying does not help.</summary>
    QuotaExceeded,

    /// <summary>The prompt plus the requested output does not fit the model's context window.</summary>
    ContextLengthExceeded,

    /// <summary>The provider's safety system blocked the prompt or the answer.</summary>
    ContentFiltered,

    /// <summary>The call did not finish within its timeout (or the provider answered 408).</summary>
    Timeout,

    /// <summary>The provider failed (HTTP 5xx) or could not be reached.</summary>
    ServerError,

    /// <summary>The provider is overloaded (Anthropic 529, Gemini 503 <c>UNAVAILABLE</c>).</summary>
    Overloaded,

    /// <summary>The circuit breaker for this provider is open; the call failed fast without being sent.</summary>
    CircuitOpen,

    /// <summary>A streamed answer was cut, malformed or ended with an error event before it completed.</summary>
    StreamInterrupted,

    /// <summary>The provider cannot do this (for example embeddings on Anthropic).</summary>
    NotSupported,

    /// <summary>A configured budget would be exceeded; the call was refused before it was sent.</summary>
    BudgetExceeded,

    /// <summary>The provider answered successfully but the answer cannot be used (for example invalid JSON for a requested schema).</summary>
    InvalidResponse,
}
