// Licensed under the MIT License.

using System;
using System.Text;

namespace AiOps;

/// <summary>The one exception type AiOps throws for provider and configuration failures.</summary>
/// <remarks>
/// <para>Messages say what happened and how to fix it. They never contain an API key or the prompt.</para>
/// <para><see cref="ProviderMessage"/> is the provider's own message with anything that looks like a key removed.</para>
/// </remarks>
public class AiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AiException"/> class.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">What happened and what to do about it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public AiException(AiErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        IsRetryable = AiErrorClassification.IsRetryableByDefault(kind);
    }

    /// <summary>Gets what went wrong.</summary>
    public AiErrorKind Kind { get; }

    /// <summary>Gets the provider that failed (<c>openai</c>, <c>anthropic</c>, …), or <see langword="null"/> when no provider was involved.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the HTTP status code the provider answered with, or <see langword="null"/> when there was no HTTP response.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the provider's own error code or type (for example <c>insufficient_quota</c>, <c>overloaded_error</c>, <c>RESOURCE_EXHAUSTED</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the provider's own error message, with anything that looks like a key removed.</summary>
    public string? ProviderMessage { get; init; }

    /// <summary>Gets the request parameter or setting the error is about, when known (for example <c>temperature</c> or <c>AI_TIMEOUT</c>).</summary>
    public string? Parameter { get; init; }

    /// <summary>Gets the provider's request id (<c>x-request-id</c>, <c>request-id</c>, <c>apim-request-id</c>) to quote to its support.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets how long the provider asked the caller to wait before trying again, when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether sending the same request again may succeed.</summary>
    /// <value>The default follows the official SDKs: true for rate limits, timeouts, 5xx and 529; a server's <c>x-should-retry</c> header overrides it.</value>
    public bool IsRetryable { get; init; }

    /// <summary>Gets a one-line summary: kind, provider, status, code and request id (no message text).</summary>
    /// <returns>The summary.</returns>
    public string ToSummary()
    {
        var sb = new StringBuilder();
        sb.Append(Kind);
        if (Provider is not null)
        {
            sb.Append(" from ").Append(Provider);
        }

        if (StatusCode is int status)
        {
            sb.Append(" (HTTP ").Append(status).Append(')');
        }

        if (ErrorCode is not null)
        {
            sb.Append(" code=").Append(ErrorCode);
        }

        if (RequestId is not null)
        {
            sb.Append(" request-id=").Append(RequestId);
        }

        return sb.ToString();
    }
}
