// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Extended thinking: <c>{"type":"enabled","budget_tokens":N}</c>; the budget must be at least 1,024 and below <c>max_tokens</c>.</summary>
internal sealed class AnthropicThinking
{
    /// <summary>Gets or sets the type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "enabled";

    /// <summary>Gets or sets the thinking budget.</summary>
    [JsonPropertyName("budget_tokens")]
    public int BudgetTokens { get; set; }
}
