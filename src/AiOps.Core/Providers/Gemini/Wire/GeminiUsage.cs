// Licensed under the MIT License.

namespace AiOps;

/// <summary>Gemini <c>usageMetadata</c>. <c>totalTokenCount = prompt + candidates + thoughts (+ toolUsePrompt)</c>; thoughts are not inside candidates.</summary>
internal sealed class GeminiUsage
{
    /// <summary>Gets or sets <c>promptTokenCount</c> (includes cached tokens).</summary>
    public int? PromptTokenCount { get; set; }

    /// <summary>Gets or sets <c>candidatesTokenCount</c> (excludes thoughts).</summary>
    public int? CandidatesTokenCount { get; set; }

    /// <summary>Gets or sets <c>thoughtsTokenCount</c>.</summary>
    public int? ThoughtsTokenCount { get; set; }

    /// <summary>Gets or sets <c>totalTokenCount</c>.</summary>
    public int? TotalTokenCount { get; set; }

    /// <summary>Gets or sets <c>cachedContentTokenCount</c>.</summary>
    public int? CachedContentTokenCount { get; set; }

    /// <summary>Gets or sets <c>toolUsePromptTokenCount</c>.</summary>
    public int? ToolUsePromptTokenCount { get; set; }
}
