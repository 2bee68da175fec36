// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;

namespace AiOps.PowerShell.Engine;

/// <summary>Where and how to reach a provider for one command: the explicit cmdlet parameters, before session defaults and
/// environment variables are applied (explicit parameter &gt; session default &gt; <c>AI_*</c> &gt; vendor variable).</summary>
/// <remarks>Every member is a BCL type: this object crosses from the cmdlet assembly into the module's load context.</remarks>
public sealed class ConnectionOptions
{
    /// <summary>Gets or sets the provider name (<c>openai</c>, <c>AzureOpenAI</c>, …); <see langword="null"/> uses the session default or <c>AI_PROVIDER</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the chat or embedding model (for Azure OpenAI the deployment).</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the Azure OpenAI deployment; it wins over <see cref="Model"/> and is rejected for other providers.</summary>
    public string? Deployment { get; set; }

    /// <summary>Gets or sets the API key: a literal, <c>env:NAME</c> or a Key Vault reference.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the base URL (OpenAI-style URLs include <c>/v1</c>; Azure is the resource endpoint).</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the API version (Azure OpenAI <c>api-version</c>).</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the per-attempt timeout in seconds.</summary>
    public int? TimeoutSec { get; set; }

    /// <summary>Gets or sets how many times a retryable failure is retried.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Gets or sets an explicit proxy.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Gets or sets the proxy credential.</summary>
    public NetworkCredential? ProxyCredential { get; set; }

    /// <summary>Gets or sets a value indicating whether the proxy gets the current user's default credentials.</summary>
    public bool ProxyUseDefaultCredentials { get; set; }

    /// <summary>Gets or sets a value indicating whether provider calls bypass every proxy, including the .NET default proxy.</summary>
    public bool NoProxy { get; set; }

    /// <summary>Gets extra HTTP headers for this provider (trusted input: the user's own session).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Provider={Provider ?? "(default)"}, Model={Model ?? "(default)"}, BaseUri={BaseUri?.ToString() ?? "(default)"}, ApiKey={(ApiKey is null ? "not given" : "given")}";
}
