// Licensed under the MIT License.

namespace AiOps;

/// <summary>The type of a streamed content block (<c>content_block.type</c>).</summary>
internal enum AnthropicBlockKind
{
    /// <summary>A block type AiOps does not map (server tool use, search results, …): ignored in the stream.</summary>
    Other,

    /// <summary><c>text</c>.</summary>
    Text,

    /// <summary><c>tool_use</c>.</summary>
    ToolUse,

    /// <summary><c>thinking</c>.</summary>
    Thinking,

    /// <summary><c>redacted_thinking</c>.</summary>
    RedactedThinking,
}
