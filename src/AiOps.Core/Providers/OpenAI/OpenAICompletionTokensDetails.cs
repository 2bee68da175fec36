// Licensed under the MIT License.

namespace AiOps;

/// <summary>The output token breakdown (<c>completion_tokens_details</c>).</summary>
internal sealed class OpenAICompletionTokensDetails
{
    /// <summary>Gets or sets the reasoning tokens (a subset of the completion tokens).</summary>
    public long? ReasoningTokens { get; set; }

    /// <summary>Gets or sets the audio output tokens.</summary>
    public long? AudioTokens { get; set; }

    /// <summary>Gets or sets the predicted-output tokens that appeared in the answer.</summary>
    public long? AcceptedPredictionTokens { get; set; }

    /// <summary>Gets or sets the predicted-output tokens that did not appear in the answer.</summary>
    public long? RejectedPredictionTokens { get; set; }
}
