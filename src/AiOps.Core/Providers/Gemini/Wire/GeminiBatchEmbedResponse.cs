// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>The answer of <c>batchEmbedContents</c>: the embeddings in request order.</summary>
internal sealed class GeminiBatchEmbedResponse
{
    /// <summary>Gets or sets the embeddings.</summary>
    public List<GeminiEmbeddingValues>? Embeddings { get; set; }
}
