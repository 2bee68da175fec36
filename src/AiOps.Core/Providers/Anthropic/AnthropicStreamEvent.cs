// Licensed under the MIT License.

namespace AiOps;

/// <summary>One parsed stream event: only the fields AiOps maps. It is the <c>RawRepresentation</c> of the update it produced.</summary>
internal sealed class AnthropicStreamEvent
{
    /// <summary>Gets or sets the event.</summary>
    public AnthropicStreamEventKind Kind { get; set; }

    /// <summary>Gets or sets the content-block index (block events).</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the delta type (<c>content_block_delta</c>).</summary>
    public AnthropicDeltaKind DeltaKind { get; set; }

    /// <summary>Gets or sets the delta payload: text, partial JSON, thinking or signature.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the block type (<c>content_block_start</c>).</summary>
    public AnthropicBlockKind BlockKind { get; set; }

    /// <summary>Gets or sets the tool-use id (<c>content_block_start</c>).</summary>
    public string? BlockId { get; set; }

    /// <summary>Gets or sets the tool name (<c>content_block_start</c>).</summary>
    public string? BlockName { get; set; }

    /// <summary>Gets or sets the initial text, thinking or redacted data of a starting block.</summary>
    public string? BlockText { get; set; }

    /// <summary>Gets or sets the signature a starting thinking block already carries.</summary>
    public string? BlockSignature { get; set; }

    /// <summary>Gets or sets the message id (<c>message_start</c>).</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the model (<c>message_start</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the stop reason (<c>message_delta</c>).</summary>
    public string? StopReason { get; set; }

    /// <summary>Gets or sets the matched stop sequence (<c>message_delta</c>).</summary>
    public string? StopSequence { get; set; }

    /// <summary>Gets or sets <c>usage.input_tokens</c>.</summary>
    public long? InputTokens { get; set; }

    /// <summary>Gets or sets <c>usage.output_tokens</c> (cumulative in <c>message_delta</c>).</summary>
    public long? OutputTokens { get; set; }

    /// <summary>Gets or sets <c>usage.cache_creation_input_tokens</c>.</summary>
    public long? CacheCreationInputTokens { get; set; }

    /// <summary>Gets or sets <c>usage.cache_read_input_tokens</c>.</summary>
    public long? CacheReadInputTokens { get; set; }

    /// <summary>Gets or sets the raw JSON of an <c>error</c> event.</summary>
    public string? ErrorJson { get; set; }
}
