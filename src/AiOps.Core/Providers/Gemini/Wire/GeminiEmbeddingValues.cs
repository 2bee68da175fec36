// Licensed under the MIT License.

namespace AiOps;

/// <summary>One Gemini embedding: <c>{"values":[…]}</c>.</summary>
internal sealed class GeminiEmbeddingValues
{
    /// <summary>Gets or sets the vector.</summary>
    public float[]? Values { get; set; }
}
