// Licensed under the MIT License.

namespace AiOps;

/// <summary>The input token breakdown (<c>prompt_tokens_details</c>).</summary>
internal sealed class OpenAIPromptTokensDetails
{
    /// <summary>Gets or sets the input tokens served from the prompt cache.</summary>
    public long? CachedTokens { get; set; }

    /// <summary>Gets or sets the audio input tokens.</summary>
    public long? AudioTokens { get; set; }
}
