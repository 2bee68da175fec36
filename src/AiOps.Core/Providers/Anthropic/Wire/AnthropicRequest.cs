// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>The body of <c>POST /v1/messages</c> (wire-formats §3.2). Null members are not written.</summary>
internal sealed class AnthropicRequest
{
    /// <summary>Gets or sets the model.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the output cap; the API requires it on every request.</summary>
    [JsonPropertyName("max_tokens")]
    public int MaxTokens { get; set; }

    /// <summary>Gets or sets the top-level system prompt (there is no system role in <c>messages</c>).</summary>
    [JsonPropertyName("system")]
    public AnthropicContent? System { get; set; }

    /// <summary>Gets or sets the alternating user/assistant turns.</summary>
    [JsonPropertyName("messages")]
    public List<AnthropicMessage> Messages { get; set; } = [];

    /// <summary>Gets or sets the temperature (0–1 on Anthropic).</summary>
    [JsonPropertyName("temperature")]
    public float? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling.</summary>
    [JsonPropertyName("top_p")]
    public float? TopP { get; set; }

    /// <summary>Gets or sets top-k sampling.</summary>
    [JsonPropertyName("top_k")]
    public int? TopK { get; set; }

    /// <summary>Gets or sets the custom stop sequences.</summary>
    [JsonPropertyName("stop_sequences")]
    public List<string>? StopSequences { get; set; }

    /// <summary>Gets or sets the client tools.</summary>
    [JsonPropertyName("tools")]
    public List<AnthropicTool>? Tools { get; set; }

    /// <summary>Gets or sets how the model may use the tools.</summary>
    [JsonPropertyName("tool_choice")]
    public AnthropicToolChoice? ToolChoice { get; set; }

    /// <summary>Gets or sets the extended-thinking configuration.</summary>
    [JsonPropertyName("thinking")]
    public AnthropicThinking? Thinking { get; set; }

    /// <summary>Gets or sets structured output (<c>output_config.format</c>).</summary>
    [JsonPropertyName("output_config")]
    public AnthropicOutputConfig? OutputConfig { get; set; }

    /// <summary>Gets or sets request metadata (an opaque end-user id).</summary>
    [JsonPropertyName("metadata")]
    public AnthropicMetadata? Metadata { get; set; }

    /// <summary>Gets or sets the service tier (<c>auto</c> or <c>standard_only</c>).</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }

    /// <summary>Gets or sets whether the answer is streamed as server-sent events.</summary>
    [JsonPropertyName("stream")]
    public bool? Stream { get; set; }
}
