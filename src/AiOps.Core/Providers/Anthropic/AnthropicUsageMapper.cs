// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Turns Anthropic usage into <see cref="UsageDetails"/> comparable with OpenAI's.</summary>
/// <remarks>
/// Anthropic's <c>input_tokens</c> excludes prompt-cache reads and writes; OpenAI's <c>prompt_tokens</c> includes cached tokens.
/// So that the same prompt reports the same <see cref="UsageDetails.InputTokenCount"/> everywhere, AiOps reports the total input:
/// <c>input_tokens + cache_creation_input_tokens + cache_read_input_tokens</c>. <see cref="UsageDetails.CachedInputTokenCount"/> is
/// <c>cache_read_input_tokens</c>; the raw values are in <see cref="UsageDetails.AdditionalCounts"/> under their wire names
/// (<c>input_tokens</c>, <c>cache_creation_input_tokens</c>, <c>cache_read_input_tokens</c>). Output counts thinking tokens too
/// (Anthropic does not report them apart).
/// </remarks>
internal static class AnthropicUsageMapper
{
    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key of Anthropic's own (uncached) <c>input_tokens</c>.</summary>
    public const string UncachedInputTokens = "input_tokens";

    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key of the tokens written to the cache.</summary>
    public const string CacheCreationInputTokens = "cache_creation_input_tokens";

    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key of the tokens read from the cache.</summary>
    public const string CacheReadInputTokens = "cache_read_input_tokens";

    /// <summary>Builds the usage.</summary>
    public static UsageDetails ToUsage(long? input, long? output, long? cacheCreation, long? cacheRead)
    {
        long uncached = input ?? 0;
        long written = cacheCreation ?? 0;
        long read = cacheRead ?? 0;
        long totalInput = uncached + written + read;
        var usage = new UsageDetails
        {
            InputTokenCount = input is null && cacheCreation is null && cacheRead is null ? null : totalInput,
            OutputTokenCount = output,
            CachedInputTokenCount = cacheRead,
            AdditionalCounts = new AdditionalPropertiesDictionary<long>
            {
                [UncachedInputTokens] = uncached,
                [CacheCreationInputTokens] = written,
                [CacheReadInputTokens] = read,
            },
        };
        usage.TotalTokenCount = usage.InputTokenCount is null && output is null ? null : totalInput + (output ?? 0);
        return usage;
    }
}
