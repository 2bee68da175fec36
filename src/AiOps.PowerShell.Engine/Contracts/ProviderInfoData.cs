// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell.Engine;

/// <summary>A provider and how it is configured in this session. The key is only ever described as present or missing.</summary>
public sealed class ProviderInfoData
{
    /// <summary>Gets or sets the provider id.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the display name.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether it is the default provider.</summary>
    public bool IsDefault { get; set; }

    /// <summary>Gets or sets a value indicating whether a call could be sent now (a key is present, or none is needed).</summary>
    public bool IsConfigured { get; set; }

    /// <summary>Gets or sets the key's state: <c>present (&lt;source&gt;)</c>, <c>missing</c> or <c>not needed</c>.</summary>
    public string ApiKey { get; set; } = "missing";

    /// <summary>Gets or sets the variable that holds the key.</summary>
    public string? ApiKeyVariable { get; set; }

    /// <summary>Gets or sets the endpoint.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the chat model used by default.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Gets or sets the embedding model used by default.</summary>
    public string? DefaultEmbeddingModel { get; set; }

    /// <summary>Gets or sets a value indicating whether it has chat.</summary>
    public bool SupportsChat { get; set; }

    /// <summary>Gets or sets a value indicating whether it has embeddings.</summary>
    public bool SupportsEmbeddings { get; set; }

    /// <summary>Gets or sets the embedding batch limit.</summary>
    public int MaxEmbeddingBatchSize { get; set; }
}
