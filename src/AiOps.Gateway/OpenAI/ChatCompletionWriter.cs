// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Writes a <see cref="ChatResponse"/> as an OpenAI <c>chat.completion</c> object.</summary>
internal static class ChatCompletionWriter
{
    public static void Write(Utf8JsonWriter w, ChatResponse response, string id, string model, long created)
    {
        var text = new StringBuilder();
        var calls = new List<FunctionCallContent>();
        foreach (ChatMessage message in response.Messages)
        {
            foreach (AIContent content in message.Contents)
            {
                switch (content)
                {
                    case TextContent t:
                        text.Append(t.Text);
                        break;
                    case FunctionCallContent call:
                        calls.Add(call);
                        break;
                }
            }
        }

        w.WriteStartObject();
        w.WriteString("id"u8, id);
        w.WriteString("object"u8, "chat.completion"u8);
        w.WriteNumber("created"u8, created);
        w.WriteString("model"u8, model);
        w.WritePropertyName("choices"u8);
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        w.WritePropertyName("message"u8);
        w.WriteStartObject();
        w.WriteString("role"u8, "assistant"u8);
        if (text.Length == 0 && calls.Count > 0)
        {
            w.WriteNull("content"u8);
        }
        else
        {
            w.WriteString("content"u8, text.ToString());
        }

        w.WriteNull("refusal"u8);
        if (calls.Count > 0)
        {
            w.WritePropertyName("tool_calls"u8);
            w.WriteStartArray();
            foreach (FunctionCallContent call in calls)
            {
                OpenAIWire.WriteToolCall(w, call, index: null);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteNull("logprobs"u8);
        w.WriteString("finish_reason"u8, OpenAIWire.FinishReason(response.FinishReason, calls.Count > 0));
        w.WriteEndObject();
        w.WriteEndArray();
        OpenAIWire.WriteUsage(w, response.Usage);
        w.WriteNull("system_fingerprint"u8);
        w.WriteEndObject();
    }
}
