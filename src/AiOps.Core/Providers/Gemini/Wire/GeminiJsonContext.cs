// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Source-generated JSON for the Gemini wire model. <see cref="GeminiResponse"/> goes through <see cref="GeminiResponseConverter"/>
/// (a <see cref="Utf8JsonReader"/> reader shared with the stream path).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(GeminiResponseConverter)])]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
[JsonSerializable(typeof(GeminiEmbedRequest))]
[JsonSerializable(typeof(GeminiBatchEmbedRequest))]
[JsonSerializable(typeof(GeminiEmbedResponse))]
[JsonSerializable(typeof(GeminiBatchEmbedResponse))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext
{
}
