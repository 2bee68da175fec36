// Licensed under the MIT License.

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Pieces of the OpenAI wire format shared by the non-streamed and streamed writers.</summary>
internal static class OpenAIWire
{
    /// <summary>Maps an MEAI finish reason to OpenAI's value (unknown values pass through).</summary>
    public static string FinishReason(ChatFinishReason? reason, bool hadToolCalls)
    {
        if (reason is not ChatFinishReason r)
        {
            return hadToolCalls ? "tool_calls" : "stop";
        }

        if (r == ChatFinishReason.Stop)
        {
            return "stop";
        }

        if (r == ChatFinishReason.Length)
        {
            return "length";
        }

        if (r == ChatFinishReason.ToolCalls)
        {
            return "tool_calls";
        }

        if (r == ChatFinishReason.ContentFilter)
        {
            return "content_filter";
        }

        return r.Value;
    }

    /// <summary>Writes <c>"usage": {…}</c> in OpenAI's shape.</summary>
    public static void WriteUsage(Utf8JsonWriter w, UsageDetails? usage)
    {
        w.WritePropertyName("usage"u8);
        if (usage is null)
        {
            w.WriteNullValue();
            return;
        }

        long input = usage.InputTokenCount ?? 0;
        long output = usage.OutputTokenCount ?? 0;
        w.WriteStartObject();
        w.WriteNumber("prompt_tokens"u8, input);
        w.WriteNumber("completion_tokens"u8, output);
        w.WriteNumber("total_tokens"u8, usage.TotalTokenCount ?? input + output);
        if (usage.CachedInputTokenCount is long cached)
        {
            w.WritePropertyName("prompt_tokens_details"u8);
            w.WriteStartObject();
            w.WriteNumber("cached_tokens"u8, cached);
            w.WriteEndObject();
        }

        if (usage.ReasoningTokenCount is long reasoning)
        {
            w.WritePropertyName("completion_tokens_details"u8);
            w.WriteStartObject();
            w.WriteNumber("reasoning_tokens"u8, reasoning);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Writes one tool call (<c>{"id","type","function":{"name","arguments"}}</c>), with <c>index</c> for stream deltas.</summary>
    public static void WriteToolCall(Utf8JsonWriter w, FunctionCallContent call, int? index)
    {
        w.WriteStartObject();
        if (index is int i)
        {
            w.WriteNumber("index"u8, i);
        }

        w.WriteString("id"u8, call.CallId);
        w.WriteString("type"u8, "function"u8);
        w.WritePropertyName("function"u8);
        w.WriteStartObject();
        w.WriteString("name"u8, call.Name);
        w.WriteString("arguments"u8, JsonValueWriter.ArgumentsToJson(call.Arguments));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
