// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Gemini <c>finishReason</c> values (wire-formats §4.4) and their canonical mapping.</summary>
internal static class GeminiFinishReasons
{
    /// <summary>Natural end (also the reason for a turn that made function calls).</summary>
    public const string Stop = "STOP";

    /// <summary>The output cap was reached (thinking counts against it).</summary>
    public const string MaxTokens = "MAX_TOKENS";

    /// <summary>The answer was blocked by the safety filters.</summary>
    public const string Safety = "SAFETY";

    /// <summary>Maps a raw finish reason: STOP with function calls → <see cref="ChatFinishReason.ToolCalls"/>, STOP →
    /// <see cref="ChatFinishReason.Stop"/>, MAX_TOKENS → <see cref="ChatFinishReason.Length"/>, the block reasons →
    /// <see cref="ChatFinishReason.ContentFilter"/>, anything else kept as is.</summary>
    public static ChatFinishReason Map(string raw, bool hadFunctionCalls) => raw switch
    {
        Stop => hadFunctionCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        MaxTokens => ChatFinishReason.Length,
        _ when IsFilter(raw) => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(raw),
    };

    /// <summary>Gets whether a finish reason means the safety or policy filters blocked the answer.</summary>
    public static bool IsFilter(string raw) => raw is Safety or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII"
        or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION";
}
