// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell;

/// <summary>A provider and how it is configured (<c>Get-AiProvider</c>). Keys are only ever shown as present or missing.</summary>
public sealed class AiProviderInfo
{
    /// <summary>Gets or sets the provider id (what <c>-Provider</c> takes).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the display name.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether it is the default provider.</summary>
    public bool IsDefault { get; set; }

    /// <summary>Gets or sets a value indicating whether a call could be sent now (a key is present, or none is needed).</summary>
    public bool IsConfigured { get; set; }

    /// <summary>Gets or sets the key's state: <c>present (&lt;where from&gt;)</c>, <c>missing</c> or <c>not needed</c>.</summary>
    public string ApiKey { get; set; } = "missing";

    /// <summary>Gets or sets the environment variable the key is read from.</summary>
    public string? ApiKeyVariable { get; set; }

    /// <summary>Gets or sets the endpoint.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the chat model used when none is named.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Gets or sets the embedding model used when none is named.</summary>
    public string? DefaultEmbeddingModel { get; set; }

    /// <summary>Gets or sets a value indicating whether it has chat.</summary>
    public bool SupportsChat { get; set; }

    /// <summary>Gets or sets a value indicating whether it has embeddings.</summary>
    public bool SupportsEmbeddings { get; set; }

    /// <summary>Gets or sets the most texts one embeddings request may carry (the default <c>-BatchSize</c>).</summary>
    public int MaxEmbeddingBatchSize { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
