// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.Anthropic;

/// <summary>The Anthropic Messages wire format (wire-formats §3): <c>{"type":"error","error":{…},"request_id":…}</c> error bodies,
/// <c>request-id</c> and <c>anthropic-ratelimit-*</c> headers, Message answers, and named-event SSE streams laid out like the SDK
/// fixtures (Transcripts C and D: <c>ping</c> after the first block start, <c>input_json_delta</c> opening with <c>""</c>).</summary>
internal sealed class AnthropicDialect : IWireDialect
{
    private static long s_counter;

    public async Task WriteErrorAsync(HttpContext context, SimError error)
    {
        string requestId = SetCommonHeaders(context);
        (int status, string type, string message) = error.Kind switch
        {
            "auth" => (error.Status, "authentication_error", "invalid x-api-key"),
            "permission" => (error.Status, "permission_error", "Your API key does not have permission to use the specified resource."),
            "not_found" => (error.Status, "not_found_error", "model: sim-missing"),
            "rate_limit" => (error.Status, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later."),
            "quota" => (error.Status, "rate_limit_error", "You have reached your specified API usage limits. You will regain access on 2026-09-01 at 00:00 UTC."),
            "overloaded" => (529, "overloaded_error", "Overloaded"),
            "context_length" => (error.Status, "invalid_request_error", "prompt is too long: 215000 tokens > 200000 maximum"),
            "too_large" => (error.Status, "request_too_large", "Request exceeds the maximum allowed number of bytes."),
            "timeout" => (error.Status, "timeout_error", "Request timed out"),
            _ when error.Status == 504 => (504, "timeout_error", "Request timed out"),
            // Anthropic names the field first ("temperature: range: -1 or 0..1", anthropic-sdk-python#893); its range is 0..1.
            "invalid" when error.Status == 400 && error.Message.Contains("'temperature'", StringComparison.Ordinal) =>
                (400, "invalid_request_error", "temperature: range: 0..1"),
            "invalid" or "conflict" or "content_filter" => (error.Status, "invalid_request_error", error.Message),
            _ => (error.Status, "api_error", "Internal server error"),
        };

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == 429)
        {
            // Anthropic reports limits as anthropic-ratelimit-* (RFC 3339 resets), not OpenAI's x-ratelimit-* the shared runner adds.
            foreach (string openAIHeader in new[] { "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests" })
            {
                _ = context.Response.Headers.Remove(openAIHeader);
            }

            WriteRateLimitHeaders(context, exhausted: true);
        }

        if (!context.Response.Headers.ContainsKey("x-should-retry"))
        {
            // A spend limit is not transient: the server says so (wire-formats §3.6, §7.17).
            context.Response.Headers["x-should-retry"] = error.Kind != "quota" && status is 408 or 409 or 429 or >= 500 ? "true" : "false";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, OpenAI.OpenAIDialect.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("message", message);
            if (error.Kind == "quota")
            {
                // Spend-limit 429s carry details.error_code (wire-formats §3.6).
                w.WritePropertyName("details");
                w.WriteStartObject();
                w.WriteString("error_code", "enforced_spend_limit_reached");
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteString("request_id", requestId);
            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    public async Task WriteChatAsync(HttpContext context, SimRequest request, SimReply reply)
    {
        SetCommonHeaders(context);
        WriteRateLimitHeaders(context, exhausted: false);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        Answer answer = Answer.From(request, reply, NextId());
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, OpenAI.OpenAIDialect.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", answer.MessageId);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", answer.Model);
            w.WritePropertyName("content");
            w.WriteStartArray();
            if (answer.Reasoning is not null)
            {
                w.WriteStartObject();
                w.WriteString("type", "thinking");
                w.WriteString("thinking", answer.Reasoning);
                w.WriteString("signature", AnthropicSignature.For(answer.Reasoning));
                w.WriteEndObject();
            }

            if (answer.Text.Length > 0)
            {
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", answer.Text);
                w.WriteEndObject();
            }

            foreach (SimToolCall call in answer.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.Id);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                w.WriteRawValue(call.ArgumentsJson);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("stop_reason", answer.StopReason);
            WriteNullableString(w, "stop_sequence", answer.StopSequence);
            WriteUsage(w, reply, reply.CompletionTokens);
            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    public async Task WriteChatStreamAsync(HttpContext context, SimRequest request, SimReply reply, StreamPlan plan)
    {
        SetCommonHeaders(context);
        WriteRateLimitHeaders(context, exhausted: false);
        context.Response.Headers.CacheControl = "no-cache";
        const string contentType = "text/event-stream; charset=utf-8";
        CancellationToken aborted = context.RequestAborted;
        Answer answer = Answer.From(request, reply, NextId());

        // Every frame of the stream, in order; deltas count towards the plan's fault points.
        var frames = new List<(byte[] Bytes, bool IsDelta)> { (Event("message_start", w =>
        {
            w.WriteString("type", "message_start");
            w.WritePropertyName("message");
            w.WriteStartObject();
            w.WriteString("id", answer.MessageId);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", answer.Model);
            w.WritePropertyName("content");
            w.WriteStartArray();
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            WriteUsage(w, reply, outputTokens: 1);
            w.WriteEndObject();
        }), false) };
        int index = 0;
        void Start(int i, Action<Utf8JsonWriter> block)
        {
            frames.Add((Event("content_block_start", w => BlockStart(w, i, block)), false));
            if (frames.Count == 2)
            {
                // As in the SDK fixtures: a ping right after the first block starts, its JSON not canonically formatted.
                frames.Add((Encoding.UTF8.GetBytes("event: ping\ndata: {\"type\": \"ping\"}\n\n"), false));
            }
        }

        if (answer.Reasoning is not null)
        {
            int i = index++;
            Start(i, b =>
            {
                b.WriteString("type", "thinking");
                b.WriteString("thinking", string.Empty);
                b.WriteString("signature", string.Empty);
            });
            foreach (string piece in SplitWords(answer.Reasoning))
            {
                frames.Add((Event("content_block_delta", w => Delta(w, i, "thinking_delta", "thinking", piece)), true));
            }

            frames.Add((Event("content_block_delta", w => Delta(w, i, "signature_delta", "signature", AnthropicSignature.For(answer.Reasoning))), true));
            frames.Add((Event("content_block_stop", w => BlockStop(w, i)), false));
        }

        if (answer.Text.Length > 0 || answer.ToolCalls.Count == 0)
        {
            int i = index++;
            Start(i, b =>
            {
                b.WriteString("type", "text");
                b.WriteString("text", string.Empty);
            });
            foreach (string piece in new SimReply { Text = answer.Text }.Chunks(plan.ChunkCount))
            {
                frames.Add((Event("content_block_delta", w => Delta(w, i, "text_delta", "text", piece)), true));
            }

            frames.Add((Event("content_block_stop", w => BlockStop(w, i)), false));
        }

        foreach (SimToolCall call in answer.ToolCalls)
        {
            int i = index++;
            Start(i, b =>
            {
                b.WriteString("type", "tool_use");
                b.WriteString("id", call.Id);
                b.WriteString("name", call.Name);
                b.WritePropertyName("input");
                b.WriteStartObject();
                b.WriteEndObject();
            });
            frames.Add((Event("content_block_delta", w => Delta(w, i, "input_json_delta", "partial_json", string.Empty)), true));
            foreach (string fragment in Split(call.ArgumentsJson, 3))
            {
                frames.Add((Event("content_block_delta", w => Delta(w, i, "input_json_delta", "partial_json", fragment)), true));
            }

            frames.Add((Event("content_block_stop", w => BlockStop(w, i)), false));
        }

        if (plan.CutAfter is int cut)
        {
            // Everything before the cut-th delta (or before message_delta when there are fewer), then the connection drops.
            var prefix = new ArrayBufferWriter<byte>();
            int deltas = 0;
            foreach ((byte[] bytes, bool isDelta) in frames)
            {
                if (isDelta && deltas++ >= cut)
                {
                    break;
                }

                prefix.Write(bytes);
            }

            await StreamCut.SendThenCutAsync(context, 200, contentType, prefix.WrittenMemory);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        int sent = 0;
        foreach ((byte[] bytes, bool isDelta) in frames)
        {
            if (isDelta)
            {
                if (plan.ErrorAfter is int errorAfter && sent >= errorAfter)
                {
                    await WriteRawAsync(context, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n", aborted);
                    return;
                }

                if (plan.MalformedAt is int malformed && sent == malformed)
                {
                    await WriteRawAsync(context, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"oops\"\n\n", aborted);
                }
            }

            await context.Response.Body.WriteAsync(bytes, aborted);
            await context.Response.Body.FlushAsync(aborted);
            if (isDelta)
            {
                sent++;
                if (plan.ChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(plan.ChunkDelay, aborted);
                }
            }
        }

        await plan.WaitBeforeLastAsync(aborted);
        await WriteEventAsync(context, "message_delta", w =>
        {
            w.WriteString("type", "message_delta");
            w.WritePropertyName("delta");
            w.WriteStartObject();
            w.WriteString("stop_reason", answer.StopReason);
            WriteNullableString(w, "stop_sequence", answer.StopSequence);
            w.WriteEndObject();
            w.WritePropertyName("usage");
            w.WriteStartObject();
            w.WriteNumber("output_tokens", reply.CompletionTokens);
            w.WriteEndObject();
        }, aborted);
        await WriteEventAsync(context, "message_stop", w => w.WriteString("type", "message_stop"), aborted);
    }

    public Task WriteEmbeddingsAsync(HttpContext context, string model, IReadOnlyList<float[]> vectors, int promptTokens, bool base64) =>
        WriteErrorAsync(context, new SimError(404, "not_found", "Anthropic has no embeddings endpoint."));

    private static void BlockStart(Utf8JsonWriter w, int index, Action<Utf8JsonWriter> block)
    {
        w.WriteString("type", "content_block_start");
        w.WriteNumber("index", index);
        w.WritePropertyName("content_block");
        w.WriteStartObject();
        block(w);
        w.WriteEndObject();
    }

    private static void Delta(Utf8JsonWriter w, int index, string type, string field, string value)
    {
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", index);
        w.WritePropertyName("delta");
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString(field, value);
        w.WriteEndObject();
    }

    private static void BlockStop(Utf8JsonWriter w, int index)
    {
        w.WriteString("type", "content_block_stop");
        w.WriteNumber("index", index);
    }

    private static void WriteUsage(Utf8JsonWriter w, SimReply reply, int outputTokens)
    {
        // Anthropic's input_tokens excludes the cache: input + cache writes + cache reads = the prompt.
        w.WritePropertyName("usage");
        w.WriteStartObject();
        w.WriteNumber("input_tokens", Math.Max(0, reply.PromptTokens - reply.CachedTokens - reply.CacheWriteTokens));
        w.WriteNumber("cache_creation_input_tokens", reply.CacheWriteTokens);
        w.WriteNumber("cache_read_input_tokens", reply.CachedTokens);
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteString("service_tier", "standard");
        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static byte[] Event(string name, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(Encoding.UTF8.GetBytes("event: " + name + "\ndata: "));
        using (var w = new Utf8JsonWriter(buffer, OpenAI.OpenAIDialect.WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteEventAsync(HttpContext context, string name, Action<Utf8JsonWriter> body, CancellationToken aborted)
    {
        await context.Response.Body.WriteAsync(Event(name, body), aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static async Task WriteRawAsync(HttpContext context, string text, CancellationToken aborted)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static string SetCommonHeaders(HttpContext context)
    {
        string id = "req_011Sim" + NextId().ToString("D8", CultureInfo.InvariantCulture);
        context.Response.Headers["request-id"] = id;
        context.Response.Headers["anthropic-organization-id"] = "00000000-0000-0000-0000-00000000a1a1";
        return id;
    }

    private static void WriteRateLimitHeaders(HttpContext context, bool exhausted)
    {
        // Resets are RFC 3339 timestamps (wire-formats §3.1); on a 429 the request limit is exhausted until retry-after.
        double seconds = double.TryParse(context.Response.Headers["retry-after"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 60;
        string reset = DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        IHeaderDictionary h = context.Response.Headers;
        h["anthropic-ratelimit-requests-limit"] = "1000";
        h["anthropic-ratelimit-requests-remaining"] = exhausted ? "0" : "999";
        h["anthropic-ratelimit-requests-reset"] = reset;
        h["anthropic-ratelimit-input-tokens-limit"] = "80000";
        h["anthropic-ratelimit-input-tokens-remaining"] = "80000";
        h["anthropic-ratelimit-input-tokens-reset"] = reset;
        h["anthropic-ratelimit-output-tokens-limit"] = "16000";
        h["anthropic-ratelimit-output-tokens-remaining"] = "16000";
        h["anthropic-ratelimit-output-tokens-reset"] = reset;
        h["anthropic-ratelimit-tokens-limit"] = "96000";
        h["anthropic-ratelimit-tokens-remaining"] = "96000";
        h["anthropic-ratelimit-tokens-reset"] = reset;
    }

    private static IEnumerable<string> SplitWords(string text) => new SimReply { Text = text }.Chunks(null);

    private static IEnumerable<string> Split(string text, int parts)
    {
        int size = Math.Max(1, (text.Length + parts - 1) / parts);
        for (int i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static long NextId() => Interlocked.Increment(ref s_counter);

    /// <summary>The reply in Anthropic terms: ids, stop reason, a stop sequence applied to the text.</summary>
    private sealed record Answer(string MessageId, string Model, string? Reasoning, string Text, IReadOnlyList<SimToolCall> ToolCalls, string StopReason, string? StopSequence)
    {
        public static Answer From(SimRequest request, SimReply reply, long id)
        {
            string text = reply.Text;
            string stopReason = reply.FinishReason switch
            {
                "length" => "max_tokens",
                "tool_calls" => "tool_use",
                "content_filter" => "refusal",
                _ => "end_turn",
            };
            string? matched = null;
            foreach (string stop in request.StopSequences)
            {
                int at = stop.Length == 0 ? -1 : text.IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0)
                {
                    text = text[..at];
                    matched = stop;
                    stopReason = "stop_sequence";
                    break;
                }
            }

            var calls = new List<SimToolCall>(reply.ToolCalls.Count);
            for (int i = 0; i < reply.ToolCalls.Count; i++)
            {
                SimToolCall call = reply.ToolCalls[i];
                calls.Add(call with { Id = string.Create(CultureInfo.InvariantCulture, $"toolu_01Sim{id:D6}x{i + 1}") });
            }

            return new Answer($"msg_01Sim{id:D8}", request.Model ?? "claude-sim", reply.Reasoning, text, calls, stopReason, matched);
        }
    }
}
