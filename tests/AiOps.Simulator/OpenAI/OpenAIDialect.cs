// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.OpenAI;

/// <summary>The OpenAI chat-completions and embeddings wire format (wire-formats §1, §2), and Azure OpenAI's variant (§5)
/// when <see cref="_azure"/> is set: Azure error bodies, the prompt-filter first chunk, per-choice filter results and a
/// filter annotation chunk after the finish.</summary>
internal sealed class OpenAIDialect : IWireDialect
{
    /// <summary>Writes JSON the way the providers do (quotes as \", non-ASCII unescaped).</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long s_counter;
    private readonly bool _azure;

    public OpenAIDialect(bool azure) => _azure = azure;

    /// <summary>The header that asks for deviations of OpenAI-compatible servers (comma-separated): <c>no-id</c> (no response or
    /// tool-call ids), <c>tools-index0</c> (every streamed tool call on index 0), <c>no-usage</c> (no usage chunk even when asked),
    /// <c>no-finish</c> (no finish chunk before <c>[DONE]</c>), <c>no-done</c> (the stream ends
    /// cleanly without <c>[DONE]</c>), <c>reasoning</c> (a <c>reasoning_content</c> delta/field first).</summary>
    public const string QuirksHeader = "x-sim-quirks";

    private static bool Quirk(HttpContext context, string name)
    {
        string value = context.Request.Headers[QuirksHeader].ToString();
        foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(part, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public async Task WriteErrorAsync(HttpContext context, SimError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json";
        SetRequestId(context);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            w.WriteStartObject();
            if (_azure && !(error.Kind == "invalid" && error.Status == 400))
            {
                WriteAzureError(w, error);
            }
            else
            {
                (string? type, string? code, string? param) = error.Kind switch
                {
                    "invalid" => ("invalid_request_error", null, error.Status == 400 ? "temperature" : null),
                    "auth" => ("invalid_request_error", "invalid_api_key", null),
                    "permission" => ("request_forbidden", "unsupported_country_region_territory", null),
                    "not_found" => ("invalid_request_error", "model_not_found", null),
                    "rate_limit" => ("requests", "rate_limit_exceeded", null),
                    "quota" => ("insufficient_quota", "insufficient_quota", null),
                    "context_length" => ("invalid_request_error", "context_length_exceeded", "messages"),
                    "content_filter" => ("invalid_request_error", "content_filter", "prompt"),
                    _ => ((string?)"server_error", (string?)null, (string?)null),
                };
                w.WriteString("message", error.Message);
                w.WriteString("type", type);
                if (param is null) { w.WriteNull("param"); } else { w.WriteString("param", param); }
                if (code is null) { w.WriteNull("code"); } else { w.WriteString("code", code); }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }

    /// <remarks>A 400 about a request value (<c>error-400</c>) is not written here: Azure passes the model's validation errors on in
    /// OpenAI's shape, <c>param</c> included ({"message":"Unsupported value: 'temperature' …","type":"invalid_request_error",
    /// "param":"temperature","code":"unsupported_value"}, microsoft/vscode#253673).</remarks>
    private static void WriteAzureError(Utf8JsonWriter w, SimError error)
    {
        // Azure bodies: code is a string (often the status), type absent; content filter adds innererror (wire-formats §5.3, §5.4).
        if (error.Kind == "content_filter")
        {
            w.WriteString("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.");
            w.WriteNull("type");
            w.WriteString("param", "prompt");
            w.WriteString("code", "content_filter");
            w.WriteNumber("status", 400);
            w.WritePropertyName("innererror");
            w.WriteStartObject();
            w.WriteString("code", "ResponsibleAIPolicyViolation");
            w.WritePropertyName("content_filter_result");
            WriteFilterResults(w, filtered: "violence");
            w.WriteEndObject();
            return;
        }

        string code = error.Kind switch
        {
            "not_found" => "DeploymentNotFound",
            "quota" => "insufficient_quota",
            "context_length" => "context_length_exceeded",
            _ => error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        w.WriteString("code", code);
        w.WriteString("message", error.Kind == "not_found"
            ? "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."
            : error.Message);
    }

    public async Task WriteChatAsync(HttpContext context, SimRequest request, SimReply reply)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        SetRequestId(context);
        string id = NewId();
        bool noId = Quirk(context, "no-id");
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            if (!noId)
            {
                w.WriteString("id", id);
            }

            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", 1758038946);
            w.WriteString("model", request.Model ?? "sim-model");
            w.WritePropertyName("choices");
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WritePropertyName("message");
            w.WriteStartObject();
            w.WriteString("role", "assistant");
            if (Quirk(context, "reasoning"))
            {
                w.WriteString("reasoning_content", "Thinking about it.");
            }

            if (reply.ToolCalls.Count > 0 || reply.FinishReason == "content_filter")
            {
                w.WriteNull("content");
            }
            else
            {
                w.WriteString("content", reply.Text);
            }

            if (reply.ToolCalls.Count > 0)
            {
                w.WritePropertyName("tool_calls");
                w.WriteStartArray();
                foreach (SimToolCall call in reply.ToolCalls)
                {
                    w.WriteStartObject();
                    if (!noId)
                    {
                        w.WriteString("id", call.Id);
                    }

                    w.WriteString("type", "function");
                    w.WritePropertyName("function");
                    w.WriteStartObject();
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", call.ArgumentsJson);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteNull("refusal");
            w.WritePropertyName("annotations");
            w.WriteStartArray();
            w.WriteEndArray();
            w.WriteEndObject();
            if (_azure)
            {
                w.WritePropertyName("content_filter_results");
                WriteFilterResults(w, reply.FinishReason == "content_filter" ? "violence" : null);
            }

            w.WriteNull("logprobs");
            w.WriteString("finish_reason", reply.FinishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, reply);
            w.WriteString("service_tier", "default");
            w.WriteString("system_fingerprint", "fp_sim");
            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    public async Task WriteChatStreamAsync(HttpContext context, SimRequest request, SimReply reply, StreamPlan plan)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        SetRequestId(context);
        CancellationToken aborted = context.RequestAborted;
        bool noId = Quirk(context, "no-id");
        bool index0 = Quirk(context, "tools-index0");
        string? id = noId ? null : NewId();
        string model = request.Model ?? "sim-model";
        int sent = 0;

        if (_azure)
        {
            // Azure's first chunk: prompt filter results only, empty choices/id/model (wire-formats §5.3).
            await WriteEventAsync(context, w =>
            {
                w.WritePropertyName("choices");
                w.WriteStartArray();
                w.WriteEndArray();
                w.WriteNumber("created", 0);
                w.WriteString("id", string.Empty);
                w.WriteString("model", string.Empty);
                w.WriteString("object", string.Empty);
                w.WritePropertyName("prompt_filter_results");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteNumber("prompt_index", 0);
                w.WritePropertyName("content_filter_results");
                WriteFilterResults(w, null);
                w.WriteEndObject();
                w.WriteEndArray();
            }, aborted);
        }

        // Role chunk.
        await WriteChunkAsync(context, id, model, w =>
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", string.Empty);
            w.WriteNull("refusal");
        }, finishReason: null, aborted);

        var pieces = new List<Action<Utf8JsonWriter>>();
        if (Quirk(context, "reasoning"))
        {
            pieces.Add(w => w.WriteString("reasoning_content", "Thinking "));
            pieces.Add(w => w.WriteString("reasoning_content", "about it."));
        }

        foreach (string chunk in reply.Chunks(plan.ChunkCount))
        {
            pieces.Add(w => w.WriteString("content", chunk));
        }

        for (int index = 0; index < reply.ToolCalls.Count; index++)
        {
            SimToolCall call = reply.ToolCalls[index];
            int i = index0 ? 0 : index;
            pieces.Add(w => WriteToolDelta(w, i, noId ? null : call.Id, call.Name, string.Empty));
            foreach (string fragment in Split(call.ArgumentsJson, 3))
            {
                pieces.Add(w => WriteToolDelta(w, i, null, null, fragment));
            }
        }

        foreach (Action<Utf8JsonWriter> piece in pieces)
        {
            if (plan.CutAfter is int cut && sent >= cut)
            {
                await context.Response.Body.FlushAsync(aborted);
                context.Abort();
                return;
            }

            if (plan.ErrorAfter is int errorAfter && sent >= errorAfter)
            {
                await WriteRawAsync(context, "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n", aborted);
                return;
            }

            if (plan.MalformedAt is int malformed && sent == malformed)
            {
                await WriteRawAsync(context, "data: {\"id\":\"" + (id ?? "x") + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"oops\"\n\n", aborted);
            }

            await WriteChunkAsync(context, id, model, piece, finishReason: null, aborted);
            sent++;
            if (plan.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(plan.ChunkDelay, aborted);
            }
        }

        if (plan.CutAfter is not null)
        {
            // Fewer pieces than the cut point: cut before the finish chunk.
            context.Abort();
            return;
        }

        await plan.WaitBeforeLastAsync(aborted);
        if (!Quirk(context, "no-finish"))
        {
            await WriteChunkAsync(context, id, model, _ => { }, reply.FinishReason, aborted);
        }

        if (_azure)
        {
            // An asynchronous-filter annotation chunk after the finish chunk, without delta.
            await WriteEventAsync(context, w =>
            {
                w.WritePropertyName("choices");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WritePropertyName("content_filter_offsets");
                w.WriteStartObject();
                w.WriteNumber("check_offset", 0);
                w.WriteNumber("start_offset", 0);
                w.WriteNumber("end_offset", reply.Text.Length);
                w.WriteEndObject();
                w.WritePropertyName("content_filter_results");
                WriteFilterResults(w, null);
                w.WriteNull("finish_reason");
                w.WriteNumber("index", 0);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("created", 0);
                w.WriteString("id", string.Empty);
                w.WriteString("model", string.Empty);
                w.WriteString("object", string.Empty);
            }, aborted);
        }

        if (request.IncludeUsage && !Quirk(context, "no-usage"))
        {
            await WriteEventAsync(context, w =>
            {
                WriteChunkHeader(w, id, model);
                w.WritePropertyName("choices");
                w.WriteStartArray();
                w.WriteEndArray();
                WriteUsage(w, reply);
            }, aborted);
        }

        if (!Quirk(context, "no-done"))
        {
            await WriteRawAsync(context, "data: [DONE]\n\n", aborted);
        }
    }

    public async Task WriteEmbeddingsAsync(HttpContext context, string model, IReadOnlyList<float[]> vectors, int promptTokens, bool base64)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        SetRequestId(context);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WritePropertyName("data");
            w.WriteStartArray();
            for (int i = 0; i < vectors.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    w.WriteString("embedding", DeterministicEmbedding.ToBase64(vectors[i]));
                }
                else
                {
                    w.WritePropertyName("embedding");
                    w.WriteStartArray();
                    foreach (float f in vectors[i])
                    {
                        w.WriteNumberValue(f);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WritePropertyName("usage");
            w.WriteStartObject();
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("total_tokens", promptTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static void WriteToolDelta(Utf8JsonWriter w, int index, string? id, string? name, string arguments)
    {
        w.WritePropertyName("tool_calls");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (id is not null)
        {
            w.WriteString("id", id);
            w.WriteString("type", "function");
        }

        w.WritePropertyName("function");
        w.WriteStartObject();
        if (name is not null)
        {
            w.WriteString("name", name);
        }

        w.WriteString("arguments", arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private Task WriteChunkAsync(HttpContext context, string? id, string model, Action<Utf8JsonWriter> delta, string? finishReason, CancellationToken aborted) =>
        WriteEventAsync(context, w =>
        {
            WriteChunkHeader(w, id, model);
            w.WritePropertyName("choices");
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WritePropertyName("delta");
            w.WriteStartObject();
            delta(w);
            w.WriteEndObject();
            if (_azure && finishReason is null or "content_filter")
            {
                // Azure reports the filtered category on the chunk that finishes with content_filter (wire-formats §5.3).
                w.WritePropertyName("content_filter_results");
                WriteFilterResults(w, finishReason is null ? null : "violence");
            }

            w.WriteNull("logprobs");
            if (finishReason is null) { w.WriteNull("finish_reason"); } else { w.WriteString("finish_reason", finishReason); }
            w.WriteEndObject();
            w.WriteEndArray();
        }, aborted);

    private static void WriteChunkHeader(Utf8JsonWriter w, string? id, string model)
    {
        if (id is not null)
        {
            w.WriteString("id", id);
        }

        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", 1770950778);
        w.WriteString("model", model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", "fp_sim");
    }

    private static async Task WriteEventAsync(HttpContext context, Action<Utf8JsonWriter> body, CancellationToken aborted)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("data: "u8);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static async Task WriteRawAsync(HttpContext context, string text, CancellationToken aborted)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static void WriteUsage(Utf8JsonWriter w, SimReply reply)
    {
        w.WritePropertyName("usage");
        w.WriteStartObject();
        w.WriteNumber("prompt_tokens", reply.PromptTokens);
        w.WriteNumber("completion_tokens", reply.CompletionTokens);
        w.WriteNumber("total_tokens", reply.PromptTokens + reply.CompletionTokens);
        w.WritePropertyName("prompt_tokens_details");
        w.WriteStartObject();
        w.WriteNumber("cached_tokens", reply.CachedTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        w.WritePropertyName("completion_tokens_details");
        w.WriteStartObject();
        w.WriteNumber("reasoning_tokens", reply.ReasoningTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFilterResults(Utf8JsonWriter w, string? filtered)
    {
        w.WriteStartObject();
        foreach (string category in new[] { "hate", "self_harm", "sexual", "violence" })
        {
            w.WritePropertyName(category);
            w.WriteStartObject();
            w.WriteBoolean("filtered", category == filtered);
            w.WriteString("severity", category == filtered ? "high" : "safe");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static IEnumerable<string> Split(string text, int parts)
    {
        int size = Math.Max(1, (text.Length + parts - 1) / parts);
        for (int i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static void SetRequestId(HttpContext context)
    {
        string id = "req_sim_" + Interlocked.Increment(ref s_counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[_requestIdHeader(context)] = id;
    }

    private static string _requestIdHeader(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/openai") ? "apim-request-id" : "x-request-id";

    private static string NewId() => "chatcmpl-sim" + Interlocked.Increment(ref s_counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
