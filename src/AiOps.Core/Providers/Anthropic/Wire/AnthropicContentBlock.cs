// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>A content block in either direction: <c>text</c>, <c>image</c>, <c>document</c>, <c>tool_use</c>, <c>tool_result</c>,
/// <c>thinking</c>, <c>redacted_thinking</c> (and, in answers, block types AiOps does not map, which are kept raw).</summary>
internal sealed class AnthropicContentBlock
{
    /// <summary>Gets or sets the block type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "text";

    /// <summary>Gets or sets the text of a <c>text</c> block.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Gets or sets the source of an <c>image</c> or <c>document</c> block.</summary>
    [JsonPropertyName("source")]
    public AnthropicSource? Source { get; set; }

    /// <summary>Gets or sets the id of a <c>tool_use</c> block.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Gets or sets the tool name of a <c>tool_use</c> block.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments of a <c>tool_use</c> block (a JSON object, not a string).</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; set; }

    /// <summary>Gets or sets the call a <c>tool_result</c> answers.</summary>
    [JsonPropertyName("tool_use_id")]
    public string? ToolUseId { get; set; }

    /// <summary>Gets or sets the content of a <c>tool_result</c> block.</summary>
    [JsonPropertyName("content")]
    public AnthropicContent? Content { get; set; }

    /// <summary>Gets or sets whether a <c>tool_result</c> reports a failure.</summary>
    [JsonPropertyName("is_error")]
    public bool? IsError { get; set; }

    /// <summary>Gets or sets the reasoning of a <c>thinking</c> block.</summary>
    [JsonPropertyName("thinking")]
    public string? Thinking { get; set; }

    /// <summary>Gets or sets the signature of a <c>thinking</c> block, which must be sent back unchanged.</summary>
    [JsonPropertyName("signature")]
    public string? Signature { get; set; }

    /// <summary>Gets or sets the opaque payload of a <c>redacted_thinking</c> block.</summary>
    [JsonPropertyName("data")]
    public string? Data { get; set; }

    /// <summary>Gets or sets a prompt-cache breakpoint after this block.</summary>
    [JsonPropertyName("cache_control")]
    public AnthropicCacheControl? CacheControl { get; set; }
}
