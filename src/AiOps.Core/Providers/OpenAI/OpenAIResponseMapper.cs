// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Maps OpenAI answers to Microsoft.Extensions.AI types: finish reasons (unknown values kept), usage, tool calls and the
/// non-streamed <see cref="ChatResponse"/>.</summary>
internal static class OpenAIResponseMapper
{
    /// <summary>Maps a finish reason; an unknown value is kept as <c>new ChatFinishReason(value)</c>.</summary>
    public static ChatFinishReason? FinishReason(string? value) => value switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(value),
    };

    /// <summary>Maps usage: cached tokens are part of the input count, reasoning tokens part of the output count (wire-formats §1.6).</summary>
    public static UsageDetails? ToUsage(OpenAIUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens ?? (usage.PromptTokens + usage.CompletionTokens),
            CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
            ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
        };
    }

    /// <summary>Builds a function call with parsed arguments; arguments that are not a JSON object are reported on
    /// <see cref="FunctionCallContent.Exception"/> rather than thrown (the function-invocation layer tells the model).</summary>
    public static FunctionCallContent ToFunctionCall(string? id, string? name, string? arguments, ProviderInfo info)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new AiException(AiErrorKind.InvalidResponse, $"{info.DisplayName} answered with a tool call that has no function name. This is a provider fault; retry, and report it if it persists.")
            {
                Provider = info.Name,
            };
        }

        string callId = string.IsNullOrEmpty(id) ? NewCallId() : id;
        return FunctionCallContent.CreateFromParsedArguments(arguments ?? string.Empty, callId, name, static json => OpenAIJson.ParseArguments(json));
    }

    /// <summary>Makes up a call id for servers that send none (<c>call_</c> + 24 hex digits).</summary>
    public static string NewCallId() => "call_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    /// <summary>Adds the categories whose <c>filtered</c> flag is true (Azure <c>content_filter_results</c>, <c>prompt_filter_results</c>).</summary>
    public static void CollectFiltered(JsonElement? element, ref List<string>? into)
    {
        if (element is not JsonElement e)
        {
            return;
        }

        var found = new List<string>();
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in e.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object &&
                    (item.TryGetProperty("content_filter_results", out JsonElement results) || item.TryGetProperty("content_filter_result", out results)))
                {
                    ProviderErrorBody.ReadFilterCategories(results, found);
                }
            }
        }
        else
        {
            ProviderErrorBody.ReadFilterCategories(e, found);
        }

        foreach (string category in found)
        {
            into ??= [];
            if (!into.Contains(category))
            {
                into.Add(category);
            }
        }
    }

    /// <summary>Maps a non-streamed answer.</summary>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidResponse"/>: the answer has no choice (or is an error sent with HTTP 200).</exception>
    public static ChatResponse ToChatResponse(OpenAIChatCompletion completion, ProviderInfo info, string? requestId, string? secret)
    {
        OpenAIChoice? choice = null;
        if (completion.Choices is { } choices)
        {
            foreach (OpenAIChoice c in choices)
            {
                if (choice is null || c.Index < choice.Index)
                {
                    choice = c;
                }
            }
        }

        if (choice is null)
        {
            string detail = completion.Error is JsonElement error
                ? $"an error instead of an answer: {SecretRedactor.Redact(ProviderErrorBody.Parse(error.GetRawText()).Message, secret) ?? error.GetRawText()}"
                : "the answer has no choices";
            throw new AiException(AiErrorKind.InvalidResponse, $"{info.DisplayName} answered HTTP 200, but with {detail}. This is a provider or proxy fault; retry, and report it if it persists.")
            {
                Provider = info.Name,
                RequestId = requestId,
            };
        }

        var contents = new List<AIContent>();
        OpenAIResponseMessage? message = choice.Message;
        if (message is not null)
        {
            if ((message.ReasoningContent ?? message.Reasoning) is { Length: > 0 } reasoning)
            {
                contents.Add(new TextReasoningContent(reasoning));
            }

            if (ContentText(message.Content) is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text));
            }

            if (message.Refusal is { Length: > 0 } refusal)
            {
                contents.Add(new ErrorContent(refusal) { ErrorCode = "refusal" });
            }

            if (message.ToolCalls is { } calls)
            {
                foreach (OpenAIToolCall call in calls)
                {
                    contents.Add(ToFunctionCall(call.Id, call.Function?.Name, call.Function?.Arguments, info));
                }
            }
        }

        string? id = string.IsNullOrEmpty(completion.Id) ? null : completion.Id;
        var chatMessage = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = id,
            RawRepresentation = message,
        };
        var response = new ChatResponse(chatMessage)
        {
            ResponseId = id,
            ModelId = string.IsNullOrEmpty(completion.Model) ? null : completion.Model,
            CreatedAt = completion.Created is > 0 and long created ? DateTimeOffset.FromUnixTimeSeconds(created) : null,
            FinishReason = FinishReason(choice.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [AiResponseProperties.Provider] = info.Name,
            },
        };
        if (requestId is not null)
        {
            response.AdditionalProperties[AiResponseProperties.RequestId] = requestId;
        }

        if (choice.FinishReason is { Length: > 0 } raw)
        {
            response.AdditionalProperties[AiResponseProperties.RawFinishReason] = raw;
        }

        List<string>? filtered = null;
        CollectFiltered(choice.ContentFilterResults, ref filtered);
        CollectFiltered(completion.PromptFilterResults, ref filtered);
        if (filtered is not null || response.FinishReason == ChatFinishReason.ContentFilter)
        {
            response.AdditionalProperties[AiResponseProperties.FilteredCategories] = filtered?.ToArray() ?? [];
        }

        return response;
    }

    private static string? ContentText(JsonElement? content)
    {
        if (content is not JsonElement c)
        {
            return null;
        }

        if (c.ValueKind == JsonValueKind.String)
        {
            return c.GetString();
        }

        if (c.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        // Some compatible servers send content as an array of text parts.
        var sb = new System.Text.StringBuilder();
        foreach (JsonElement part in c.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String)
            {
                sb.Append(t.GetString());
            }
            else if (part.ValueKind == JsonValueKind.String)
            {
                sb.Append(part.GetString());
            }
        }

        return sb.ToString();
    }
}
