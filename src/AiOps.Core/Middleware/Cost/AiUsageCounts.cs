// Licensed under the MIT License.

namespace AiOps;

/// <summary>Keys of <c>UsageDetails.AdditionalCounts</c> that AiOps providers fill and the cost middleware prices.</summary>
public static class AiUsageCounts
{
    /// <summary>Input tokens written to the provider's prompt cache (Anthropic <c>cache_creation_input_tokens</c>); part of <c>InputTokenCount</c>.</summary>
    public const string CacheWriteInputTokens = "cache_creation_input_tokens";
}
