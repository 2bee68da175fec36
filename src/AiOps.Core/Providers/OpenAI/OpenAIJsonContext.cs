// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Source-generated serialization for the OpenAI wire models (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OpenAIChatCompletion))]
[JsonSerializable(typeof(OpenAIEmbeddingResponse))]
[JsonSerializable(typeof(OpenAIUsage))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext
{
}
