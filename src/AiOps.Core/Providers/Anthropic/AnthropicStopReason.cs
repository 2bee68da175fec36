// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Maps Anthropic <c>stop_reason</c> values to <see cref="ChatFinishReason"/>; the raw value is kept in
/// <see cref="AiResponseProperties.RawFinishReason"/>.</summary>
internal static class AnthropicStopReason
{
    /// <summary>Maps a stop reason. Unknown values are kept verbatim as a new <see cref="ChatFinishReason"/>.</summary>
    /// <remarks><c>end_turn</c>, <c>stop_sequence</c> and <c>pause_turn</c> (a server-tool turn the caller may continue) → Stop;
    /// <c>max_tokens</c> and <c>model_context_window_exceeded</c> → Length; <c>tool_use</c> → ToolCalls; <c>refusal</c> → ContentFilter.</remarks>
    public static ChatFinishReason? FromWire(string? stopReason) => stopReason switch
    {
        null or "" => null,
        "end_turn" or "stop_sequence" or "pause_turn" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(stopReason),
    };
}
