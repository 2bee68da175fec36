// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Writes the native AiOps JSON shapes (camelCase).</summary>
internal static class NativeWriter
{
    public static void WriteChat(Utf8JsonWriter w, ChatResponse response, RouteTarget target, string? upstreamRequestId)
    {
        var calls = new List<FunctionCallContent>();
        foreach (ChatMessage m in response.Messages)
        {
            foreach (AIContent c in m.Contents)
            {
                if (c is FunctionCallContent call)
                {
                    calls.Add(call);
                }
            }
        }

        w.WriteStartObject();
        w.WriteString("provider"u8, target.Provider.Value);
        w.WriteString("model"u8, response.ModelId ?? target.Model);
        w.WriteString("content"u8, response.Text);
        w.WriteString("finishReason"u8, OpenAIWire.FinishReason(response.FinishReason, calls.Count > 0));
        WriteUsage(w, response.Usage);
        w.WritePropertyName("toolCalls"u8);
        w.WriteStartArray();
        foreach (FunctionCallContent call in calls)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, call.CallId);
            w.WriteString("name"u8, call.Name);
            w.WritePropertyName("arguments"u8);
            JsonValueWriter.Write(w, call.Arguments);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("id"u8, response.ResponseId);
        w.WriteString("requestId"u8, upstreamRequestId);
        w.WriteEndObject();
    }

    public static void WriteUsage(Utf8JsonWriter w, UsageDetails? usage)
    {
        w.WritePropertyName("usage"u8);
        if (usage is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("inputTokens"u8, usage.InputTokenCount ?? 0);
        w.WriteNumber("outputTokens"u8, usage.OutputTokenCount ?? 0);
        w.WriteNumber("totalTokens"u8, usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0)));
        if (usage.CachedInputTokenCount is long cached)
        {
            w.WriteNumber("cachedInputTokens"u8, cached);
        }

        if (usage.ReasoningTokenCount is long reasoning)
        {
            w.WriteNumber("reasoningTokens"u8, reasoning);
        }

        w.WriteEndObject();
    }

    public static void WriteEmbeddings(Utf8JsonWriter w, GeneratedEmbeddings<Embedding<float>> embeddings, RouteTarget target)
    {
        w.WriteStartObject();
        w.WriteString("provider"u8, target.Provider.Value);
        w.WriteString("model"u8, target.Model);
        w.WritePropertyName("embeddings"u8);
        w.WriteStartArray();
        for (int i = 0; i < embeddings.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("index"u8, i);
            w.WritePropertyName("vector"u8);
            w.WriteStartArray();
            foreach (float f in embeddings[i].Vector.Span)
            {
                w.WriteNumberValue(f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteUsage(w, embeddings.Usage);
        w.WriteEndObject();
    }
}
