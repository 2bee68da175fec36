// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Azure.Core;

namespace AiOps;

/// <summary>How to reach one provider: key, base URL, default models and provider-specific knobs.</summary>
/// <remarks><para>Only trusted configuration (environment, app settings, code) sets these. Gateway callers never can.</para>
/// <para><see cref="ToString"/> never shows the key.</para></remarks>
public sealed class AiProviderSettings
{
    /// <summary>Gets or sets the API key: a literal, <c>env:NAME</c>, or a Key Vault reference
    /// (<c>@Microsoft.KeyVault(SecretUri=…)</c>, <c>@Microsoft.KeyVault(VaultName=…;SecretName=…)</c>, <c>kv://vault/secret</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the provider's key variable was not set.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets where the key came from (for example <c>OPENAI_API_KEY</c>), for messages and <c>Get-AiProvider</c>.</summary>
    public string? ApiKeySource { get; set; }

    /// <summary>Gets or sets the base URL, following each vendor SDK's convention (OpenAI includes <c>/v1</c>; Anthropic, Gemini, Azure and Ollama are hosts).</summary>
    /// <value>The default value is <see langword="null"/>: the provider's public endpoint.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the chat model (for Azure OpenAI: the deployment name).</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Gets or sets the embedding model (for Azure OpenAI: the embedding deployment name).</summary>
    public string? DefaultEmbeddingModel { get; set; }

    /// <summary>Gets or sets the API version (Azure OpenAI <c>api-version</c>; Anthropic <c>anthropic-version</c> override).</summary>
    /// <value>The default value is <see langword="null"/>. For Azure OpenAI, null selects the <c>/openai/v1/</c> surface.</value>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the OpenAI organization id sent as <c>OpenAI-Organization</c>.</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the OpenAI project id sent as <c>OpenAI-Project</c>.</summary>
    public string? Project { get; set; }

    /// <summary>Gets or sets an Entra ID credential (Azure OpenAI); used when no key is set.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Gets extra headers sent with every request to this provider (for example <c>anthropic-beta</c>). Trusted configuration only.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a copy whose collections are independent of this instance.</summary>
    /// <returns>The copy.</returns>
    public AiProviderSettings Clone()
    {
        var copy = new AiProviderSettings
        {
            ApiKey = ApiKey,
            ApiKeySource = ApiKeySource,
            BaseUrl = BaseUrl,
            DefaultModel = DefaultModel,
            DefaultEmbeddingModel = DefaultEmbeddingModel,
            ApiVersion = ApiVersion,
            Organization = Organization,
            Project = Project,
            Credential = Credential,
        };
        foreach (KeyValuePair<string, string> header in Headers)
        {
            copy.Headers[header.Key] = header.Value;
        }

        return copy;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"BaseUrl={BaseUrl?.ToString() ?? "(default)"}, DefaultModel={DefaultModel ?? "(default)"}, ApiKey={(ApiKey is null ? "missing" : "set")}";
}
