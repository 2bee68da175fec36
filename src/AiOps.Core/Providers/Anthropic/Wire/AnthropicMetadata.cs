// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Request <c>metadata</c>: an opaque end-user id Anthropic uses to detect abuse.</summary>
internal sealed class AnthropicMetadata
{
    /// <summary>Gets or sets the end-user id (no personal data).</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }
}
