// Licensed under the MIT License.

using System;
using System.Text;
using System.Text.Json;

namespace AiOps;

/// <summary>Parses one SSE event of an Anthropic stream from its UTF-8 data with <see cref="Utf8JsonReader"/>: one forward pass,
/// no DOM, strings allocated only for the values AiOps keeps.</summary>
/// <remarks>Malformed JSON throws <see cref="JsonException"/>, which <see cref="ProviderSseReader"/> reports as
/// <see cref="AiErrorKind.StreamInterrupted"/>. Unknown event names are not parsed at all (they are ignored downstream).</remarks>
internal static class AnthropicStreamEventParser
{
    /// <summary>Parses an event (an <see cref="System.Net.ServerSentEvents.SseItemParser{T}"/>).</summary>
    public static AnthropicStreamEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var ev = new AnthropicStreamEvent { Kind = KindOf(eventType) };
        switch (ev.Kind)
        {
            case AnthropicStreamEventKind.Ping:
                return ev;
            case AnthropicStreamEventKind.Error:
                ev.ErrorJson = Encoding.UTF8.GetString(data);
                return ev;
            case AnthropicStreamEventKind.Unknown when eventType != "message":
                // A named event AiOps does not know: skipped, like the official SDKs do.
                return ev;
            default:
                break;
        }

        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The data of the '{eventType}' event is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (ev.Kind == AnthropicStreamEventKind.Unknown && reader.TokenType == JsonTokenType.String)
                {
                    // No event name (plain "message" events): the data's own type decides.
                    ev.Kind = KindOf(reader.GetString() ?? string.Empty);
                    if (ev.Kind == AnthropicStreamEventKind.Error)
                    {
                        ev.ErrorJson = Encoding.UTF8.GetString(data);
                        return ev;
                    }
                }
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                ev.Index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                ReadDelta(ref reader, ev);
            }
            else if (reader.ValueTextEquals("content_block"u8))
            {
                reader.Read();
                ReadBlock(ref reader, ev);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                ReadMessage(ref reader, ev);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                ReadUsage(ref reader, ev);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return ev;
    }

    private static AnthropicStreamEventKind KindOf(string name) => name switch
    {
        "content_block_delta" => AnthropicStreamEventKind.ContentBlockDelta,
        "content_block_start" => AnthropicStreamEventKind.ContentBlockStart,
        "content_block_stop" => AnthropicStreamEventKind.ContentBlockStop,
        "message_start" => AnthropicStreamEventKind.MessageStart,
        "message_delta" => AnthropicStreamEventKind.MessageDelta,
        "message_stop" => AnthropicStreamEventKind.MessageStop,
        "ping" => AnthropicStreamEventKind.Ping,
        "error" => AnthropicStreamEventKind.Error,
        _ => AnthropicStreamEventKind.Unknown,
    };

    private static void ReadDelta(ref Utf8JsonReader reader, AnthropicStreamEvent ev)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                ev.DeltaKind =
                    reader.ValueTextEquals("text_delta"u8) ? AnthropicDeltaKind.Text :
                    reader.ValueTextEquals("input_json_delta"u8) ? AnthropicDeltaKind.InputJson :
                    reader.ValueTextEquals("thinking_delta"u8) ? AnthropicDeltaKind.Thinking :
                    reader.ValueTextEquals("signature_delta"u8) ? AnthropicDeltaKind.Signature :
                    AnthropicDeltaKind.Other;
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8) ||
                     reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("signature"u8))
            {
                reader.Read();
                ev.Text = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                ev.StopReason = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("stop_sequence"u8))
            {
                reader.Read();
                ev.StopSequence = StringOrNull(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadBlock(ref Utf8JsonReader reader, AnthropicStreamEvent ev)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                ev.BlockKind =
                    reader.ValueTextEquals("text"u8) ? AnthropicBlockKind.Text :
                    reader.ValueTextEquals("tool_use"u8) ? AnthropicBlockKind.ToolUse :
                    reader.ValueTextEquals("thinking"u8) ? AnthropicBlockKind.Thinking :
                    reader.ValueTextEquals("redacted_thinking"u8) ? AnthropicBlockKind.RedactedThinking :
                    AnthropicBlockKind.Other;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                ev.BlockId = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                ev.BlockName = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                ev.BlockText = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("signature"u8))
            {
                reader.Read();
                ev.BlockSignature = StringOrNull(ref reader);
            }
            else
            {
                // "input": {} on tool_use is a placeholder; the input arrives as input_json_delta fragments.
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadMessage(ref Utf8JsonReader reader, AnthropicStreamEvent ev)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                ev.MessageId = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                ev.Model = StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                ReadUsage(ref reader, ev);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadUsage(ref Utf8JsonReader reader, AnthropicStreamEvent ev)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                reader.Read();
                ev.InputTokens = NumberOrNull(ref reader) ?? ev.InputTokens;
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                reader.Read();
                ev.OutputTokens = NumberOrNull(ref reader) ?? ev.OutputTokens;
            }
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                reader.Read();
                ev.CacheCreationInputTokens = NumberOrNull(ref reader) ?? ev.CacheCreationInputTokens;
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                reader.Read();
                ev.CacheReadInputTokens = NumberOrNull(ref reader) ?? ev.CacheReadInputTokens;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? StringOrNull(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string in an Anthropic stream event, found {reader.TokenType}."),
        };

    private static long? NumberOrNull(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt64(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a token count in an Anthropic stream event, found {reader.TokenType}."),
        };
}
