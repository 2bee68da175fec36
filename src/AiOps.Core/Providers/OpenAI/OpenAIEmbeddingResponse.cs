// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>An embeddings answer (<c>CreateEmbeddingResponse</c>, wire-formats §2).</summary>
internal sealed class OpenAIEmbeddingResponse
{
    /// <summary>Gets or sets the vectors, each with the index of its input.</summary>
    public List<OpenAIEmbeddingItem>? Data { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the usage (<c>prompt_tokens</c>, <c>total_tokens</c>).</summary>
    public OpenAIUsage? Usage { get; set; }
}
