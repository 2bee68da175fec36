// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>One turn in <c>messages</c>: role <c>user</c> or <c>assistant</c>, content a string or blocks.</summary>
internal sealed class AnthropicMessage
{
    /// <summary>Gets or sets the role.</summary>
    [JsonPropertyName("role")]
    public string Role { get; set; } = "user";

    /// <summary>Gets or sets the content.</summary>
    [JsonPropertyName("content")]
    public AnthropicContent Content { get; set; } = new();
}
