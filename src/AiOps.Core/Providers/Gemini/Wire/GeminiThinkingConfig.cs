// Licensed under the MIT License.

namespace AiOps;

/// <summary>Gemini <c>thinkingConfig</c>: budget (0 off, -1 automatic), level (Gemini 3) and whether thought summaries are returned.</summary>
internal sealed class GeminiThinkingConfig
{
    /// <summary>Gets or sets the thinking budget in tokens (0 disables thinking, -1 lets the model decide).</summary>
    public int? ThinkingBudget { get; set; }

    /// <summary>Gets or sets whether thought summaries are returned as <c>thought</c> parts.</summary>
    public bool? IncludeThoughts { get; set; }

    /// <summary>Gets or sets the thinking level (Gemini 3: <c>low</c>, <c>high</c>).</summary>
    public string? ThinkingLevel { get; set; }
}
