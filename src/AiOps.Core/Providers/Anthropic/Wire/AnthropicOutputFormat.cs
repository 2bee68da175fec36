// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary><c>output_config.format</c>: <c>{"type":"json_schema","schema":{…}}</c>.</summary>
internal sealed class AnthropicOutputFormat
{
    /// <summary>Gets or sets the format type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "json_schema";

    /// <summary>Gets or sets the JSON schema the answer must follow.</summary>
    [JsonPropertyName("schema")]
    public JsonElement Schema { get; set; }
}
