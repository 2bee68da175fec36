// Licensed under the MIT License.

namespace AiOps;

/// <summary>The type of a <c>content_block_delta</c>'s <c>delta</c>.</summary>
internal enum AnthropicDeltaKind
{
    /// <summary>A delta type AiOps does not map (for example <c>citations_delta</c>): ignored.</summary>
    Other,

    /// <summary><c>text_delta</c>.</summary>
    Text,

    /// <summary><c>input_json_delta</c> (a fragment of the tool input JSON).</summary>
    InputJson,

    /// <summary><c>thinking_delta</c>.</summary>
    Thinking,

    /// <summary><c>signature_delta</c>.</summary>
    Signature,
}
