// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary><c>tool_choice</c>: <c>auto</c>, <c>any</c>, <c>tool</c> (with <see cref="Name"/>) or <c>none</c>.</summary>
internal sealed class AnthropicToolChoice
{
    /// <summary>Gets or sets the choice type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "auto";

    /// <summary>Gets or sets the tool that must be called (type <c>tool</c>).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets whether the model may call at most one tool per turn.</summary>
    [JsonPropertyName("disable_parallel_tool_use")]
    public bool? DisableParallelToolUse { get; set; }
}
