// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell;

/// <summary>What a provider uses when a command names nothing explicitly (<c>Get-AiDefault</c>). The key is described, never shown.</summary>
public sealed class AiDefaultSetting
{
    /// <summary>Gets or sets the provider.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether it is the default provider.</summary>
    public bool IsDefaultProvider { get; set; }

    /// <summary>Gets or sets the chat model (Azure OpenAI: the deployment).</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets where <see cref="Model"/> comes from: <c>Set-AiDefault</c>, <c>environment</c> or <c>provider default</c>.</summary>
    public string? ModelSource { get; set; }

    /// <summary>Gets or sets the embedding model.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Gets or sets the endpoint.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the API version (Azure OpenAI).</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the key's state: <c>present (&lt;where from&gt;)</c> or <c>missing</c>.</summary>
    public string ApiKey { get; set; } = "missing";

    /// <summary>Gets or sets the per-attempt timeout in seconds.</summary>
    public double TimeoutSec { get; set; }

    /// <summary>Gets or sets the retry count.</summary>
    public int MaxRetries { get; set; }

    /// <summary>Gets or sets the proxy: a URL, <c>system</c> (the .NET default proxy) or <c>none</c>.</summary>
    public string Proxy { get; set; } = "system";

    /// <summary>Gets or sets the values that come from <c>Set-AiDefault</c>.</summary>
    public string? SessionValues { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Provider;
}
