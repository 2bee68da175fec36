// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>A prompt-cache breakpoint: <c>{"type":"ephemeral"}</c>, optionally with <c>ttl</c> <c>5m</c> or <c>1h</c>.</summary>
internal sealed class AnthropicCacheControl
{
    /// <summary>Gets or sets the cache type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "ephemeral";

    /// <summary>Gets or sets the time to live.</summary>
    [JsonPropertyName("ttl")]
    public string? Ttl { get; set; }
}
