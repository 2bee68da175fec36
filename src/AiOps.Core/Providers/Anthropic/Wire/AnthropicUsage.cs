// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Token usage. <c>input_tokens</c> EXCLUDES cache reads and cache writes (wire-formats §3.4).</summary>
internal sealed class AnthropicUsage
{
    /// <summary>Gets or sets the uncached input tokens.</summary>
    [JsonPropertyName("input_tokens")]
    public long? InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens (thinking included).</summary>
    [JsonPropertyName("output_tokens")]
    public long? OutputTokens { get; set; }

    /// <summary>Gets or sets the input tokens written to the prompt cache.</summary>
    [JsonPropertyName("cache_creation_input_tokens")]
    public long? CacheCreationInputTokens { get; set; }

    /// <summary>Gets or sets the input tokens read from the prompt cache.</summary>
    [JsonPropertyName("cache_read_input_tokens")]
    public long? CacheReadInputTokens { get; set; }

    /// <summary>Gets or sets the tier that served the request.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }
}
