// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Turns the events of one Anthropic stream into <see cref="ChatResponseUpdate"/>s: text and thinking as they arrive, a tool
/// call once its block is complete (its <c>partial_json</c> fragments concatenated and parsed), and one final update on
/// <c>message_stop</c> with the finish reason and the usage.</summary>
/// <remarks>A thinking block yields its text as it streams, then, at its end, an empty <see cref="TextReasoningContent"/> whose
/// <see cref="TextReasoningContent.ProtectedData"/> is the signature: <c>ToChatResponse</c> coalesces them into one reasoning content
/// with the signature, ready to be sent back.</remarks>
internal sealed class AnthropicStreamState
{
    private readonly ProviderInfo _info;
    private readonly string? _requestId;
    private readonly string? _secret;
    private readonly List<Block?> _blocks = [];
    private string? _messageId;
    private string? _model;
    private string? _stopReason;
    private string? _stopSequence;
    private bool _sentFirst;
    private long? _input;
    private long? _output;
    private long? _cacheCreation;
    private long? _cacheRead;

    /// <summary>Initializes a new instance of the <see cref="AnthropicStreamState"/> class.</summary>
    /// <param name="info">The provider, for messages.</param>
    /// <param name="requestId">The <c>request-id</c> of the response.</param>
    /// <param name="secret">The key to scrub from provider messages.</param>
    public AnthropicStreamState(ProviderInfo info, string? requestId, string? secret)
    {
        _info = info;
        _requestId = requestId;
        _secret = secret;
    }

    /// <summary>Gets a value indicating whether <c>message_stop</c> arrived.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Applies an event; returns the update it produces, if any.</summary>
    /// <exception cref="AiException">An <c>error</c> event, or events out of protocol order.</exception>
    public ChatResponseUpdate? Apply(AnthropicStreamEvent ev)
    {
        switch (ev.Kind)
        {
            case AnthropicStreamEventKind.MessageStart:
                _messageId = ev.MessageId;
                _model = ev.Model;
                TakeUsage(ev);
                return null;
            case AnthropicStreamEventKind.ContentBlockStart:
                return Start(ev);
            case AnthropicStreamEventKind.ContentBlockDelta:
                return Delta(ev);
            case AnthropicStreamEventKind.ContentBlockStop:
                return Stop(ev);
            case AnthropicStreamEventKind.MessageDelta:
                _stopReason = ev.StopReason ?? _stopReason;
                _stopSequence = ev.StopSequence ?? _stopSequence;
                TakeUsage(ev);
                return null;
            case AnthropicStreamEventKind.MessageStop:
                Stopped = true;
                return Final(ev);
            case AnthropicStreamEventKind.Error:
                throw ProviderErrorMapper.FromStreamError(_info, ev.ErrorJson, _requestId, _secret);
            default:
                return null;
        }
    }

    private ChatResponseUpdate? Start(AnthropicStreamEvent ev)
    {
        var block = new Block(ev.BlockKind, ev.BlockId, ev.BlockName) { Signature = ev.BlockSignature };
        while (_blocks.Count <= ev.Index)
        {
            _blocks.Add(null);
        }

        _blocks[ev.Index] = block;
        return ev.BlockKind switch
        {
            AnthropicBlockKind.Text when !string.IsNullOrEmpty(ev.BlockText) => Update(new TextContent(ev.BlockText), ev),
            AnthropicBlockKind.Thinking when !string.IsNullOrEmpty(ev.BlockText) => Update(new TextReasoningContent(ev.BlockText), ev),
            AnthropicBlockKind.RedactedThinking => Update(
                new TextReasoningContent(string.Empty)
                {
                    ProtectedData = ev.BlockText,
                    AdditionalProperties = new() { [AnthropicOptions.RedactedThinking] = true },
                },
                ev),
            AnthropicBlockKind.ToolUse when string.IsNullOrEmpty(ev.BlockId) || string.IsNullOrEmpty(ev.BlockName) =>
                throw OutOfProtocol($"the tool_use block {ev.Index} has no id or name"),
            _ => null,
        };
    }

    private ChatResponseUpdate? Delta(AnthropicStreamEvent ev)
    {
        Block block = Get(ev.Index, "content_block_delta");
        switch (ev.DeltaKind)
        {
            case AnthropicDeltaKind.Text when !string.IsNullOrEmpty(ev.Text):
                return Update(new TextContent(ev.Text), ev);
            case AnthropicDeltaKind.Thinking when !string.IsNullOrEmpty(ev.Text):
                return Update(new TextReasoningContent(ev.Text), ev);
            case AnthropicDeltaKind.Signature:
                block.Signature = block.Signature is null ? ev.Text : block.Signature + ev.Text;
                return null;
            case AnthropicDeltaKind.InputJson:
                _ = (block.Json ??= new StringBuilder()).Append(ev.Text);
                return null;
            default:
                return null;
        }
    }

    private ChatResponseUpdate? Stop(AnthropicStreamEvent ev)
    {
        Block block = Get(ev.Index, "content_block_stop");
        _blocks[ev.Index] = null;
        return block.Kind switch
        {
            AnthropicBlockKind.ToolUse => Update(AnthropicToolArguments.FromJson(block.Id!, block.Name!, block.Json?.ToString() ?? string.Empty), ev),
            AnthropicBlockKind.Thinking when !string.IsNullOrEmpty(block.Signature) => Update(new TextReasoningContent(string.Empty) { ProtectedData = block.Signature }, ev),
            _ => null,
        };
    }

    private ChatResponseUpdate Final(AnthropicStreamEvent ev)
    {
        var properties = new AdditionalPropertiesDictionary
        {
            [AiResponseProperties.Provider] = _info.Name,
            [AiResponseProperties.RawFinishReason] = _stopReason,
        };
        if (_requestId is not null)
        {
            properties[AiResponseProperties.RequestId] = _requestId;
        }

        if (_stopSequence is not null)
        {
            properties[AnthropicOptions.StopSequence] = _stopSequence;
        }

        return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(AnthropicUsageMapper.ToUsage(_input, _output, _cacheCreation, _cacheRead))])
        {
            ResponseId = _messageId,
            MessageId = _messageId,
            ModelId = _model,
            FinishReason = AnthropicStopReason.FromWire(_stopReason),
            AdditionalProperties = properties,
            RawRepresentation = ev,
        };
    }

    private ChatResponseUpdate Update(AIContent content, AnthropicStreamEvent ev)
    {
        var update = new ChatResponseUpdate(ChatRole.Assistant, [content])
        {
            ResponseId = _messageId,
            MessageId = _messageId,
            ModelId = _model,
            RawRepresentation = ev,
        };
        if (!_sentFirst)
        {
            // As every AiOps provider does: the first update says who answered (and the request id), before any content reaches the caller.
            _sentFirst = true;
            update.AdditionalProperties = new AdditionalPropertiesDictionary { [AiResponseProperties.Provider] = _info.Name };
            if (_requestId is not null)
            {
                update.AdditionalProperties[AiResponseProperties.RequestId] = _requestId;
            }
        }

        return update;
    }

    private void TakeUsage(AnthropicStreamEvent ev)
    {
        // message_delta usage is cumulative: a value present there replaces the one from message_start.
        _input = ev.InputTokens ?? _input;
        _output = ev.OutputTokens ?? _output;
        _cacheCreation = ev.CacheCreationInputTokens ?? _cacheCreation;
        _cacheRead = ev.CacheReadInputTokens ?? _cacheRead;
    }

    private Block Get(int index, string eventName) =>
        index >= 0 && index < _blocks.Count && _blocks[index] is Block block
            ? block
            : throw OutOfProtocol($"{eventName} arrived for block {index}, which was never started");

    private AiException OutOfProtocol(string what) =>
        new(AiErrorKind.InvalidResponse, $"The stream from {_info.DisplayName} broke the protocol: {what}. The answer was discarded; send the request again.")
        {
            Provider = _info.Name,
            RequestId = _requestId,
            IsRetryable = true,
        };

    /// <summary>A block being streamed.</summary>
    private sealed class Block(AnthropicBlockKind kind, string? id, string? name)
    {
        public AnthropicBlockKind Kind { get; } = kind;

        public string? Id { get; } = id;

        public string? Name { get; } = name;

        public StringBuilder? Json { get; set; }

        public string? Signature { get; set; }
    }
}
