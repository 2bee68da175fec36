// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell.Engine;

/// <summary>What a provider will use when a command names nothing explicitly: session defaults over environment variables.
/// The key is described, never shown.</summary>
public sealed class DefaultsView
{
    /// <summary>Gets or sets the provider.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether this is the default provider.</summary>
    public bool IsDefaultProvider { get; set; }

    /// <summary>Gets or sets the chat model.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets where the chat model comes from (<c>Set-AiDefault</c>, a variable name, or <c>provider default</c>).</summary>
    public string? ModelSource { get; set; }

    /// <summary>Gets or sets the embedding model.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Gets or sets the base URL.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the API version.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the key's state: <c>present (&lt;source&gt;)</c> or <c>missing</c>.</summary>
    public string ApiKey { get; set; } = "missing";

    /// <summary>Gets or sets the per-attempt timeout in seconds.</summary>
    public double TimeoutSec { get; set; }

    /// <summary>Gets or sets the retry count.</summary>
    public int MaxRetries { get; set; }

    /// <summary>Gets or sets the proxy in use: a URL, <c>none</c>, or <c>system</c> (the .NET default proxy).</summary>
    public string Proxy { get; set; } = "system";

    /// <summary>Gets or sets which values come from <c>Set-AiDefault</c> (comma-separated names).</summary>
    public string? SessionValues { get; set; }
}
