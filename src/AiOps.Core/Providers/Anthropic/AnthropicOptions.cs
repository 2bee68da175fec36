// Licensed under the MIT License.

namespace AiOps;

/// <summary>Anthropic-specific options. They travel in <c>ChatOptions.AdditionalProperties</c> (and, for prompt caching,
/// in <c>ChatMessage.AdditionalProperties</c>, <c>AIContent.AdditionalProperties</c> or <c>AITool.AdditionalProperties</c>);
/// other providers ignore them. docs/providers.md lists them with examples.</summary>
public static class AnthropicOptions
{
    /// <summary>The <c>anthropic-version</c> header AiOps sends unless <see cref="AiProviderSettings.ApiVersion"/> overrides it.</summary>
    public const string DefaultApiVersion = "2023-06-01";

    /// <summary>Beta features, sent as the <c>anthropic-beta</c> header: a string (comma-separated names) or a sequence of strings.
    /// Combined with an <c>anthropic-beta</c> entry in <see cref="AiProviderSettings.Headers"/> (configured names first).</summary>
    public const string Beta = "anthropic_beta";

    /// <summary>Extended thinking: the thinking budget in tokens (a whole number, at least 1,024, below <c>max_tokens</c>).
    /// Reasoning arrives as <c>TextReasoningContent</c> whose <c>ProtectedData</c> holds the signature; send the assistant message back
    /// unchanged on the next turn (required while tools are in use). Without this key, <c>ChatOptions.Reasoning.Effort</c>
    /// chooses a budget (Low 1,024, Medium 4,096, High 16,384, ExtraHigh 32,768; None turns thinking off).</summary>
    public const string ThinkingBudgetTokens = "thinking_budget_tokens";

    /// <summary>Prompt caching: <c>"ephemeral"</c> (or <see langword="true"/>), <c>"5m"</c> or <c>"1h"</c>. On <c>ChatOptions</c> it places
    /// breakpoints after the system prompt and after the last tool; on a <c>ChatMessage</c>, after that message's last block; on an
    /// <c>AIContent</c>, after that block; on an <c>AITool</c>, after that tool. Anthropic allows at most four breakpoints per request.</summary>
    public const string CacheControl = "cache_control";

    /// <summary>The service tier: <c>"auto"</c> or <c>"standard_only"</c>.</summary>
    public const string ServiceTier = "service_tier";

    /// <summary>An opaque end-user id sent as <c>metadata.user_id</c> (a hash or UUID, never personal data).</summary>
    public const string MetadataUserId = "metadata_user_id";

    /// <summary>Set (to <see langword="true"/>) on a <c>TextReasoningContent</c> that came from a <c>redacted_thinking</c> block, whose
    /// <c>ProtectedData</c> then holds the encrypted payload. AiOps sets it; keep it when storing history.</summary>
    public const string RedactedThinking = "anthropic_redacted_thinking";

    /// <summary>The stop sequence that ended the answer, set in the response's <c>AdditionalProperties</c> when <c>stop_reason</c> is
    /// <c>stop_sequence</c>.</summary>
    public const string StopSequence = "anthropic_stop_sequence";
}
