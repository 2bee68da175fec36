// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>One vector of an embeddings answer.</summary>
internal sealed class OpenAIEmbeddingItem
{
    /// <summary>Gets or sets the index of the input this vector belongs to (within its request).</summary>
    public int Index { get; set; } = -1;

    /// <summary>Gets or sets the vector, decoded from a float array or from base64 little-endian float32.</summary>
    [JsonConverter(typeof(OpenAIEmbeddingVectorConverter))]
    public float[]? Embedding { get; set; }
}
