// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>A non-streamed answer (<c>Message</c>, wire-formats §3.4).</summary>
internal sealed class AnthropicResponse
{
    /// <summary>Gets or sets the message id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Gets or sets the object type (<c>message</c>).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Gets or sets the role (<c>assistant</c>).</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Gets or sets the content blocks.</summary>
    [JsonPropertyName("content")]
    public List<AnthropicContentBlock>? Content { get; set; }

    /// <summary>Gets or sets why the model stopped.</summary>
    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; set; }

    /// <summary>Gets or sets the stop sequence that matched, when <see cref="StopReason"/> is <c>stop_sequence</c>.</summary>
    [JsonPropertyName("stop_sequence")]
    public string? StopSequence { get; set; }

    /// <summary>Gets or sets token usage.</summary>
    [JsonPropertyName("usage")]
    public AnthropicUsage? Usage { get; set; }
}
