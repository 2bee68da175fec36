// Licensed under the MIT License.

namespace AiOps;

/// <summary>Keys AiOps sets in <c>ChatResponse.AdditionalProperties</c> / <c>ChatResponseUpdate.AdditionalProperties</c>
/// and <c>GeneratedEmbeddings.AdditionalProperties</c>.</summary>
public static class AiResponseProperties
{
    /// <summary>The provider that answered (<see cref="AiProviderId"/> value as a string).</summary>
    public const string Provider = "aiops.provider";

    /// <summary>The provider's request id.</summary>
    public const string RequestId = "aiops.request_id";

    /// <summary>The cost of the call in US dollars (<see cref="decimal"/>), when the price table knows the model.</summary>
    public const string Cost = "aiops.cost_usd";

    /// <summary>Whether the answer came from the response cache (<see cref="bool"/>).</summary>
    public const string CacheHit = "aiops.cache_hit";

    /// <summary>How many attempts the call took (<see cref="int"/>).</summary>
    public const string Attempts = "aiops.attempts";

    /// <summary>The <c>provider/model</c> targets tried before the one that answered (<see cref="string"/> array).</summary>
    public const string FallbackTried = "aiops.fallback_tried";

    /// <summary>Content-filter categories the provider reported (<see cref="string"/> array).</summary>
    public const string FilteredCategories = "aiops.filtered_categories";

    /// <summary>The raw provider finish reason before mapping (for example Anthropic <c>pause_turn</c>).</summary>
    public const string RawFinishReason = "aiops.raw_finish_reason";
}
