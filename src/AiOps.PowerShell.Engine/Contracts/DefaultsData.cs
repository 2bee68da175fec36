// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;

namespace AiOps.PowerShell.Engine;

/// <summary>Session defaults set by <c>Set-AiDefault</c>. Provider-specific values (model, key, endpoint, API version, headers)
/// belong to <see cref="Provider"/>; timeout, retries and proxy apply to every provider.</summary>
public sealed class DefaultsData
{
    /// <summary>Gets or sets the provider the values belong to (and, with <c>Set-AiDefault -Provider</c>, the default provider).</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the chat model (Azure OpenAI: the chat deployment).</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the embedding model (Azure OpenAI: the embedding deployment).</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Gets or sets the API key (a literal, <c>env:NAME</c> or a Key Vault reference).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the base URL.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the API version.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the per-attempt timeout in seconds.</summary>
    public int? TimeoutSec { get; set; }

    /// <summary>Gets or sets the retry count.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Gets or sets the proxy.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Gets or sets the proxy credential.</summary>
    public NetworkCredential? ProxyCredential { get; set; }

    /// <summary>Gets or sets a value indicating whether the proxy gets the user's default credentials.</summary>
    public bool? ProxyUseDefaultCredentials { get; set; }

    /// <summary>Gets or sets a value indicating whether every proxy is bypassed.</summary>
    public bool? NoProxy { get; set; }

    /// <summary>Gets extra HTTP headers for <see cref="Provider"/>.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
