// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell.Engine;

/// <summary>What the cmdlets need to know about a failure to build an <c>ErrorRecord</c>.</summary>
public sealed class ErrorInfo
{
    /// <summary>Gets or sets the <c>AiErrorKind</c> name (<c>RateLimited</c>, <c>MissingApiKey</c>, …).</summary>
    public string Kind { get; set; } = "ServerError";

    /// <summary>Gets or sets the provider, when one was involved.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the HTTP status.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Gets or sets the provider's error code.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Gets or sets the parameter or setting the error is about.</summary>
    public string? Parameter { get; set; }

    /// <summary>Gets or sets the provider's request id.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets how long the provider asked to wait.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Gets or sets a value indicating whether retrying may succeed.</summary>
    public bool IsRetryable { get; set; }

    /// <summary>Gets or sets a value indicating whether the whole command should stop (configuration problems) rather than one item.</summary>
    public bool IsCommandWide { get; set; }

    /// <summary>Gets or sets what the user should do.</summary>
    public string RecommendedAction { get; set; } = string.Empty;

    /// <summary>Gets or sets the one-line summary (kind, provider, status, code, request id).</summary>
    public string Summary { get; set; } = string.Empty;
}
