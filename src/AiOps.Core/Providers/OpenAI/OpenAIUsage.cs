// Licensed under the MIT License.

namespace AiOps;

/// <summary>Token usage (<c>CompletionUsage</c>, wire-formats §1.6; embeddings send only prompt and total). Detail objects are optional.</summary>
internal sealed class OpenAIUsage
{
    /// <summary>Gets or sets the input tokens (cached tokens included).</summary>
    public long? PromptTokens { get; set; }

    /// <summary>Gets or sets the output tokens (reasoning tokens included).</summary>
    public long? CompletionTokens { get; set; }

    /// <summary>Gets or sets the total tokens.</summary>
    public long? TotalTokens { get; set; }

    /// <summary>Gets or sets the input token breakdown.</summary>
    public OpenAIPromptTokensDetails? PromptTokensDetails { get; set; }

    /// <summary>Gets or sets the output token breakdown.</summary>
    public OpenAICompletionTokensDetails? CompletionTokensDetails { get; set; }
}
