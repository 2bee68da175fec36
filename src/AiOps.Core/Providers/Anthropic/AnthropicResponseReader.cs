// Licensed under the MIT License.

using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Maps a non-streamed Anthropic answer to a <see cref="ChatResponse"/>.</summary>
internal static class AnthropicResponseReader
{
    /// <summary>Maps the answer. Block types AiOps does not map (server tools, search results) stay in <c>RawRepresentation</c>.</summary>
    public static ChatResponse ToChatResponse(AnthropicResponse answer, ProviderInfo info, string? requestId)
    {
        var contents = new List<AIContent>(answer.Content?.Count ?? 0);
        foreach (AnthropicContentBlock block in answer.Content ?? [])
        {
            AIContent? content = block.Type switch
            {
                "text" => new TextContent(block.Text ?? string.Empty),
                "tool_use" when !string.IsNullOrEmpty(block.Id) && !string.IsNullOrEmpty(block.Name) => AnthropicToolArguments.FromElement(block.Id, block.Name, block.Input),
                "thinking" => new TextReasoningContent(block.Thinking ?? string.Empty) { ProtectedData = block.Signature },
                "redacted_thinking" => new TextReasoningContent(string.Empty)
                {
                    ProtectedData = block.Data,
                    AdditionalProperties = new() { [AnthropicOptions.RedactedThinking] = true },
                },
                _ => null,
            };
            if (content is not null)
            {
                content.RawRepresentation = block;
                contents.Add(content);
            }
        }

        var properties = new AdditionalPropertiesDictionary
        {
            [AiResponseProperties.Provider] = info.Name,
            [AiResponseProperties.RawFinishReason] = answer.StopReason,
        };
        if (requestId is not null)
        {
            properties[AiResponseProperties.RequestId] = requestId;
        }

        if (answer.StopSequence is not null)
        {
            properties[AnthropicOptions.StopSequence] = answer.StopSequence;
        }

        var message = new ChatMessage(ChatRole.Assistant, contents) { MessageId = answer.Id, RawRepresentation = answer };
        return new ChatResponse(message)
        {
            ResponseId = answer.Id,
            ModelId = answer.Model,
            FinishReason = AnthropicStopReason.FromWire(answer.StopReason),
            Usage = answer.Usage is AnthropicUsage u
                ? AnthropicUsageMapper.ToUsage(u.InputTokens, u.OutputTokens, u.CacheCreationInputTokens, u.CacheReadInputTokens)
                : null,
            AdditionalProperties = properties,
            RawRepresentation = answer,
        };
    }
}
