// Licensed under the MIT License.

namespace AiOps;

/// <summary>The answer of <c>embedContent</c>: <c>{"embedding":{"values":[…]}}</c>.</summary>
internal sealed class GeminiEmbedResponse
{
    /// <summary>Gets or sets the embedding.</summary>
    public GeminiEmbeddingValues? Embedding { get; set; }
}
