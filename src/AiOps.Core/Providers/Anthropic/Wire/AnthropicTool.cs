// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>A client tool: name, description and the JSON schema of its input (<c>input_schema</c>).</summary>
internal sealed class AnthropicTool
{
    /// <summary>Gets or sets the name the model calls the tool by.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what the tool does.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>Gets or sets the input schema (an object schema).</summary>
    [JsonPropertyName("input_schema")]
    public JsonElement InputSchema { get; set; }

    /// <summary>Gets or sets a prompt-cache breakpoint after this tool.</summary>
    [JsonPropertyName("cache_control")]
    public AnthropicCacheControl? CacheControl { get; set; }
}
