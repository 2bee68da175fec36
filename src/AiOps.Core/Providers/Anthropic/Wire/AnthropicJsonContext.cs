// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Source-generated serialization for the Anthropic wire model (no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicRequest))]
[JsonSerializable(typeof(AnthropicResponse))]
[JsonSerializable(typeof(List<AnthropicContentBlock>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext
{
    /// <summary>Gets the context used for request bodies: nulls omitted, text not HTML-escaped (it is an API body, never HTML).</summary>
    public static AnthropicJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
