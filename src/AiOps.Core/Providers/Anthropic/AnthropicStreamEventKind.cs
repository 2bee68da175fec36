// Licensed under the MIT License.

namespace AiOps;

/// <summary>The named events of an Anthropic stream (wire-formats §3.5). Unknown names are ignored, as the official SDKs do.</summary>
internal enum AnthropicStreamEventKind
{
    /// <summary>An event AiOps does not know (forward compatibility: ignored).</summary>
    Unknown,

    /// <summary><c>message_start</c>: id, model, input usage.</summary>
    MessageStart,

    /// <summary><c>content_block_start</c>: a block begins (type, tool id and name).</summary>
    ContentBlockStart,

    /// <summary><c>content_block_delta</c>: text, partial tool JSON, thinking or signature.</summary>
    ContentBlockDelta,

    /// <summary><c>content_block_stop</c>: a block is complete.</summary>
    ContentBlockStop,

    /// <summary><c>message_delta</c>: stop reason and cumulative usage.</summary>
    MessageDelta,

    /// <summary><c>message_stop</c>: the terminator; a stream without it is incomplete.</summary>
    MessageStop,

    /// <summary><c>ping</c>: keep-alive.</summary>
    Ping,

    /// <summary><c>error</c>: a failure reported inside a 200 stream.</summary>
    Error,
}
