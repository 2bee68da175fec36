// Licensed under the MIT License.

using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Writes MEAI updates as OpenAI <c>chat.completion.chunk</c> server-sent events, flushing each one at once.</summary>
/// <remarks>Sequence: the role arrives with the first chunk; text as <c>delta.content</c>; each tool call as a <c>delta.tool_calls</c>
/// entry with its <c>index</c>; then one finish chunk; then, when <c>stream_options.include_usage</c> was set, a chunk with empty
/// <c>choices</c> and <c>usage</c>; then <c>data: [DONE]</c>. A failure after the stream started is sent as
/// <c>data: {"error":{…}}</c> and the stream ends without <c>[DONE]</c>, so no client mistakes it for a complete answer.</remarks>
internal sealed class ChatStreamWriter : IDisposable
{
    private readonly PipeWriter _body;
    private readonly Utf8JsonWriter _json;
    private readonly string _id;
    private readonly string _model;
    private readonly long _created;
    private readonly bool _includeUsage;
    private bool _roleSent;
    private int _toolIndex;
    private ChatFinishReason? _finish;
    private UsageDetails? _usage;

    private ChatStreamWriter(HttpResponse response, string id, string model, long created, bool includeUsage)
    {
        _body = response.BodyWriter;
        _json = new Utf8JsonWriter(_body, GatewayJson.WriterOptions);
        _id = id;
        _model = model;
        _created = created;
        _includeUsage = includeUsage;
    }

    /// <summary>Starts the event stream: status, SSE headers, buffering off.</summary>
    public static ChatStreamWriter Start(HttpContext context, string id, string model, long created, bool includeUsage)
    {
        BeginEventStream(context);
        return new ChatStreamWriter(context.Response, id, model, created, includeUsage);
    }

    /// <summary>Sets the status and headers of an SSE response and turns response buffering off.</summary>
    public static void BeginEventStream(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>Writes and flushes the events for one update.</summary>
    public async ValueTask WriteAsync(ChatResponseUpdate update, CancellationToken cancellationToken)
    {
        if (update.FinishReason is ChatFinishReason finish)
        {
            _finish = finish;
        }

        bool wrote = false;
        string? text = null;
        foreach (AIContent content in update.Contents)
        {
            switch (content)
            {
                case TextContent t when !string.IsNullOrEmpty(t.Text):
                    text = text is null ? t.Text : text + t.Text;
                    break;
                case UsageContent u:
                    _usage ??= new UsageDetails();
                    _usage.Add(u.Details);
                    break;
            }
        }

        if (text is not null || !_roleSent)
        {
            WriteChunk(text ?? string.Empty, call: null, finishReason: null);
            wrote = true;
        }

        foreach (AIContent content in update.Contents)
        {
            if (content is FunctionCallContent call)
            {
                WriteChunk(null, call, finishReason: null);
                wrote = true;
            }
        }

        if (wrote)
        {
            await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the finish chunk, the usage chunk when asked for, and <c>[DONE]</c>.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_roleSent)
        {
            WriteChunk(string.Empty, call: null, finishReason: null);
        }

        WriteChunk(null, call: null, OpenAIWire.FinishReason(_finish, _toolIndex > 0));
        if (_includeUsage)
        {
            BeginEvent();
            _json.WriteStartObject();
            WriteHeader();
            _json.WritePropertyName("choices"u8);
            _json.WriteStartArray();
            _json.WriteEndArray();
            OpenAIWire.WriteUsage(_json, _usage ?? new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 });
            _json.WriteEndObject();
            EndEvent();
        }

        _body.Write("data: [DONE]\n\n"u8);
        await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the stream with an error event in OpenAI's error shape.</summary>
    public async ValueTask FailAsync(GatewayError error, CancellationToken cancellationToken)
    {
        BeginEvent();
        _json.WriteStartObject();
        GatewayResponses.WriteErrorObject(_json, error);
        _json.WriteEndObject();
        EndEvent();
        await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _json.Dispose();

    private void WriteChunk(string? text, FunctionCallContent? call, string? finishReason)
    {
        BeginEvent();
        _json.WriteStartObject();
        WriteHeader();
        _json.WritePropertyName("choices"u8);
        _json.WriteStartArray();
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, 0);
        _json.WritePropertyName("delta"u8);
        _json.WriteStartObject();
        if (finishReason is null)
        {
            if (!_roleSent)
            {
                _json.WriteString("role"u8, "assistant"u8);
                _roleSent = true;
            }

            if (text is not null)
            {
                _json.WriteString("content"u8, text);
            }

            if (call is not null)
            {
                _json.WritePropertyName("tool_calls"u8);
                _json.WriteStartArray();
                OpenAIWire.WriteToolCall(_json, call, _toolIndex++);
                _json.WriteEndArray();
            }
        }

        _json.WriteEndObject();
        _json.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            _json.WriteNull("finish_reason"u8);
        }
        else
        {
            _json.WriteString("finish_reason"u8, finishReason);
        }

        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        EndEvent();
    }

    private void WriteHeader()
    {
        _json.WriteString("id"u8, _id);
        _json.WriteString("object"u8, "chat.completion.chunk"u8);
        _json.WriteNumber("created"u8, _created);
        _json.WriteString("model"u8, _model);
        _json.WriteNull("system_fingerprint"u8);
    }

    private void BeginEvent()
    {
        _body.Write("data: "u8);
        _json.Reset(_body);
    }

    private void EndEvent()
    {
        _json.Flush();
        _body.Write("\n\n"u8);
    }
}
