// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Turns the <c>data:</c> frames of one chat-completions stream into <see cref="ChatResponseUpdate"/>s with a
/// <see cref="Utf8JsonReader"/> over the frame bytes (no DOM, no per-chunk LINQ).</summary>
/// <remarks>
/// <para>Per frame: text and reasoning deltas become content; tool-call fragments are assembled per index and handed out as
/// <see cref="FunctionCallContent"/> on the update that carries the finish reason (or at <c>[DONE]</c> when a server sends
/// none); the usage chunk becomes <see cref="UsageContent"/>; <c>data: {"error":…}</c> throws through
/// <see cref="ProviderErrorMapper.FromStreamError"/>; <c>data: [DONE]</c> sets <see cref="IsDone"/>.</para>
/// <para>Tolerated: Azure's filter-only chunks (empty <c>choices</c>, empty <c>id</c>, <c>created: 0</c>, no <c>delta</c>, chunks
/// after the finish), a missing usage chunk, a missing <c>id</c>. A frame that is not a JSON object throws <see cref="JsonException"/>,
/// which <see cref="ProviderSseReader"/> reports as <see cref="AiErrorKind.StreamInterrupted"/>.</para>
/// <para>Not thread-safe: one instance per stream.</para>
/// </remarks>
internal sealed class OpenAIStreamParser
{
    private readonly ProviderInfo _info;
    private readonly string? _requestId;
    private readonly string? _secret;
    private readonly OpenAIToolCallAccumulator _tools = new();
    private byte[]? _idUtf8;
    private string? _id;
    private byte[]? _modelUtf8;
    private string? _model;
    private DateTimeOffset? _created;
    private StringBuilder? _refusal;
    private List<string>? _filtered;
    private int _reportedFiltered;
    private bool _sentFirst;
    private bool _finished;
    private char[]? _scratch;

    /// <summary>Initializes a new instance of the <see cref="OpenAIStreamParser"/> class.</summary>
    /// <param name="info">The provider, for errors.</param>
    /// <param name="requestId">The request id from the response headers.</param>
    /// <param name="secret">The key to scrub from provider messages.</param>
    public OpenAIStreamParser(ProviderInfo info, string? requestId, string? secret)
    {
        _info = info;
        _requestId = requestId;
        _secret = secret;
    }

    /// <summary>Gets a value indicating whether <c>data: [DONE]</c> has arrived.</summary>
    public bool IsDone { get; private set; }

    /// <summary>Parses one SSE event; returns the update it yields, or <see langword="null"/> when it yields none.</summary>
    /// <exception cref="JsonException">The frame is not a JSON object.</exception>
    /// <exception cref="AiException">The frame reports an error.</exception>
    public ChatResponseUpdate? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (IsDone)
        {
            return null;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            IsDone = true;
            return Flush(data);
        }

        if (string.Equals(eventType, "error", StringComparison.Ordinal))
        {
            throw ProviderErrorMapper.FromStreamError(_info, Encoding.UTF8.GetString(data), _requestId, _secret);
        }

        if (data.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A stream frame is not a JSON object.");
        }

        var frame = default(Frame);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                _ = reader.Read();
                ReadChoices(ref reader, ref frame);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                _ = reader.Read();
                ReadCached(ref reader, ref _idUtf8, ref _id);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                _ = reader.Read();
                ReadCached(ref reader, ref _modelUtf8, ref _model);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                _ = reader.Read();
                if (_created is null && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long created) && created > 0)
                {
                    _created = DateTimeOffset.FromUnixTimeSeconds(created);
                }
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                _ = reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    frame.Usage = OpenAIResponseMapper.ToUsage(JsonSerializer.Deserialize(ref reader, OpenAIJsonContext.Default.OpenAIUsage));
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                _ = reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    throw ProviderErrorMapper.FromStreamError(_info, Encoding.UTF8.GetString(data), _requestId, _secret);
                }
            }
            else if (reader.ValueTextEquals("prompt_filter_results"u8) || reader.ValueTextEquals("prompt_annotations"u8))
            {
                _ = reader.Read();
                ReadPromptFilters(ref reader);
            }
            else
            {
                _ = reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("A stream frame is not a single JSON object.");
        }

        return Build(ref frame, data);
    }

    private ChatResponseUpdate? Build(ref Frame frame, ReadOnlySpan<byte> data)
    {
        List<AIContent>? contents = null;
        if (frame.Reasoning is { Length: > 0 } reasoning)
        {
            (contents ??= new List<AIContent>(2)).Add(new TextReasoningContent(reasoning));
        }

        if (frame.Text is { Length: > 0 } text)
        {
            (contents ??= new List<AIContent>(1)).Add(new TextContent(text));
        }

        ChatFinishReason? finish = null;
        bool newlyFiltered = _filtered is not null && _filtered.Count > _reportedFiltered;
        if (frame.FinishReason is not null)
        {
            finish = OpenAIResponseMapper.FinishReason(frame.FinishReason);
            _finished = true;
            DrainPending(ref contents);
        }
        else if (_finished && newlyFiltered)
        {
            // Azure's asynchronous filter flagged text after the finish chunk: report the filtered finish it implies.
            finish = ChatFinishReason.ContentFilter;
        }

        if (frame.Usage is { } usage)
        {
            (contents ??= new List<AIContent>(1)).Add(new UsageContent(usage));
        }

        if (contents is null && finish is null)
        {
            return null;
        }

        ChatResponseUpdate update = NewUpdate(contents, data);
        if (finish is { } reason)
        {
            update.FinishReason = reason;
            update.AdditionalProperties ??= [];
            update.AdditionalProperties[AiResponseProperties.RawFinishReason] = frame.FinishReason ?? "content_filter";
            if (reason == ChatFinishReason.ContentFilter || newlyFiltered)
            {
                update.AdditionalProperties[AiResponseProperties.FilteredCategories] = _filtered?.ToArray() ?? [];
                _reportedFiltered = _filtered?.Count ?? 0;
            }
        }

        return update;
    }

    /// <summary>At <c>[DONE]</c>: hands out tool calls and a refusal that no finish chunk carried (some compatible servers).</summary>
    private ChatResponseUpdate? Flush(ReadOnlySpan<byte> data)
    {
        List<AIContent>? contents = null;
        bool hadCalls = _tools.HasPending;
        DrainPending(ref contents);
        if (contents is null)
        {
            return null;
        }

        ChatResponseUpdate update = NewUpdate(contents, data);
        if (!_finished && hadCalls)
        {
            update.FinishReason = ChatFinishReason.ToolCalls;
        }

        return update;
    }

    private void DrainPending(ref List<AIContent>? contents)
    {
        _tools.Drain(ref contents, _info);
        if (_refusal is { Length: > 0 })
        {
            (contents ??= new List<AIContent>(1)).Add(new ErrorContent(_refusal.ToString()) { ErrorCode = "refusal" });
            _refusal.Clear();
        }
    }

    private ChatResponseUpdate NewUpdate(List<AIContent>? contents, ReadOnlySpan<byte> data)
    {
        var update = new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = _id,
            MessageId = _id,
            ModelId = _model,
            CreatedAt = _created,
            RawRepresentation = new BinaryData(data.ToArray()),
        };
        if (!_sentFirst)
        {
            _sentFirst = true;
            update.AdditionalProperties = new AdditionalPropertiesDictionary { [AiResponseProperties.Provider] = _info.Name };
            if (_requestId is not null)
            {
                update.AdditionalProperties[AiResponseProperties.RequestId] = _requestId;
            }
        }

        return update;
    }

    private static void ReadCached(ref Utf8JsonReader reader, ref byte[]? utf8, ref string? value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        // Every chunk repeats the id and model: keep the first string and compare bytes afterwards. Azure's filter chunks send "".
        ReadOnlySpan<byte> span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (span.IsEmpty || (utf8 is not null && span.SequenceEqual(utf8)))
        {
            return;
        }

        utf8 = span.ToArray();
        value = reader.GetString();
    }

    private void ReadChoices(ref Utf8JsonReader reader, ref Frame frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8))
                {
                    _ = reader.Read();
                    ReadDelta(ref reader, ref frame);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    _ = reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        frame.FinishReason = FinishReasonString(ref reader);
                    }
                }
                else if (reader.ValueTextEquals("content_filter_results"u8))
                {
                    _ = reader.Read();
                    ReadFilterResults(ref reader);
                }
                else
                {
                    _ = reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    private static string? FinishReasonString(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("stop"u8) ? "stop" :
        reader.ValueTextEquals("tool_calls"u8) ? "tool_calls" :
        reader.ValueTextEquals("length"u8) ? "length" :
        reader.ValueTextEquals("content_filter"u8) ? "content_filter" :
        reader.GetString() is { Length: > 0 } other ? other : null;

    private void ReadDelta(ref Utf8JsonReader reader, ref Frame frame)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                _ = reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    frame.Text = frame.Text is null ? reader.GetString() : frame.Text + reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                _ = reader.Read();
                ReadToolCalls(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                _ = reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    frame.Reasoning = frame.Reasoning is null ? reader.GetString() : frame.Reasoning + reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                _ = reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    (_refusal ??= new StringBuilder()).Append(reader.GetString());
                }
            }
            else
            {
                _ = reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            // Azure writes keys alphabetically ("function" before "id" and "index"): collect, then add once the object ends.
            int? index = null;
            string? id = null;
            string? name = null;
            int argumentsLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    _ = reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int i))
                    {
                        index = i;
                    }
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    _ = reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    _ = reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            _ = reader.Read();
                            name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        }
                        else if (reader.ValueTextEquals("arguments"u8))
                        {
                            _ = reader.Read();
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                argumentsLength = CopyToScratch(ref reader);
                            }
                        }
                        else
                        {
                            _ = reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    _ = reader.Read();
                    reader.Skip();
                }
            }

            _tools.Add(index, id, name, _scratch.AsSpan(0, argumentsLength));
        }
    }

    private int CopyToScratch(ref Utf8JsonReader reader)
    {
        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_scratch is null || _scratch.Length < max)
        {
            _scratch = new char[Math.Max(max, 256)];
        }

        return reader.CopyString(_scratch);
    }

    private void ReadPromptFilters(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool results = reader.ValueTextEquals("content_filter_results"u8);
                _ = reader.Read();
                if (results)
                {
                    ReadFilterResults(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    /// <summary>Reads Azure <c>content_filter_results</c> (<c>{"hate":{"filtered":false,"severity":"safe"},…}</c>), remembering filtered categories.</summary>
    private void ReadFilterResults(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> category = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            bool escaped = reader.ValueIsEscaped;
            string? escapedName = escaped ? reader.GetString() : null;
            _ = reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            bool filtered = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isFiltered = reader.ValueTextEquals("filtered"u8);
                _ = reader.Read();
                if (isFiltered)
                {
                    filtered = reader.TokenType == JsonTokenType.True;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (filtered)
            {
                string name = escapedName ?? Encoding.UTF8.GetString(category);
                _filtered ??= [];
                if (!_filtered.Contains(name))
                {
                    _filtered.Add(name);
                }
            }
        }
    }

    /// <summary>What one frame carried.</summary>
    private struct Frame
    {
        public string? Text;
        public string? Reasoning;
        public string? FinishReason;
        public UsageDetails? Usage;
    }
}
