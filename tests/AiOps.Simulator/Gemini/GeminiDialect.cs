// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.Gemini;

/// <summary>The Gemini Developer API wire format (wire-formats §4): <c>GenerateContentResponse</c> bodies (candidates, usageMetadata,
/// modelVersion, responseId), data-only SSE that ends at EOF with no sentinel and cumulative <c>usageMetadata</c> on every chunk, and
/// Google error bodies <c>{"error":{"code","message","status","details"}}</c>.</summary>
/// <remarks>
/// <para>Scenario mapping: <c>filtered</c> → candidate <c>finishReason: SAFETY</c> with no content; <c>safety</c> → the prompt is blocked
/// (<c>promptFeedback.blockReason: SAFETY</c>, no candidates); <c>length</c> → <c>MAX_TOKENS</c>; <c>tools</c> → <c>functionCall</c> parts
/// without ids, <c>finishReason: STOP</c>; <c>ratelimit-N</c> → 429 <c>RESOURCE_EXHAUSTED</c> with <c>RetryInfo.retryDelay "Ns"</c> (no
/// Retry-After header, as Gemini); <c>quota</c> → 429 with a per-day <c>QuotaFailure</c>; <c>overloaded</c> → 503 <c>UNAVAILABLE</c>;
/// <c>error-401</c> → 400 <c>API_KEY_INVALID</c> (Gemini's answer to a bad key).</para>
/// <para>Streams: the finish reason rides on the last chunk, so a Gemini stream is complete when a chunk carried <c>finishReason</c>.
/// <c>cut-N</c> sends at most N chunks, always fewer than all, then half a frame, and ends the response (no finish chunk);
/// <c>midstream-N</c> sends a <c>data: {"error":…}</c> event and ends; <c>malformed-N</c> sends a broken frame.</para>
/// <para>With <c>thinkingConfig.includeThoughts</c> the answer starts with a thought part and its last text part carries a thought
/// signature; the first function call of a turn always carries one. For <c>gemini-3*</c> models a replayed call without it is a 400.</para>
/// </remarks>
internal sealed class GeminiDialect : IWireDialect
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] EventEnd = "\r\n\r\n"u8.ToArray();
    private static long s_counter;

    /// <summary>Gets or sets whether the request asked for thought summaries (set per request by <see cref="GeminiRoutes"/>).</summary>
    public bool IncludeThoughts { get; init; }

    public async Task WriteErrorAsync(HttpContext context, SimError error)
    {
        HttpResponse response = context.Response;
        TimeSpan? retryDelay = ReadAndRemoveRetryHeaders(response);
        (int status, string code, string message) = error.Kind switch
        {
            "auth" => (400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."),
            "permission" => (403, "PERMISSION_DENIED", "Permission denied: Consumer does not have access to this model."),
            "not_found" => (404, "NOT_FOUND", "models/sim-missing is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."),
            "rate_limit" => (429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
            "quota" => (429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits."),
            "overloaded" => (503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
            "context_length" => (400, "INVALID_ARGUMENT", "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576)."),
            "invalid" when error.Status == 400 && error.Message.Contains("temperature", StringComparison.Ordinal) =>
                (400, "INVALID_ARGUMENT", "* GenerateContentRequest.generation_config.temperature: must be in the range [0.0, 2.0]\n"),
            _ => (error.Status, StatusName(error.Status), error.Kind == "server" && error.Status == 500
                ? "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
                : error.Message),
        };

        response.StatusCode = status;

        // Gemini answers a failed stream request with text/event-stream and a plain JSON body (wire-formats §4.5).
        response.ContentType = context.Request.Path.Value?.EndsWith(":streamGenerateContent", StringComparison.Ordinal) == true
            ? "text/event-stream"
            : "application/json; charset=UTF-8";
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WriteNumber("code", status);
            w.WriteString("message", message);
            w.WriteString("status", code);
            WriteDetails(w, error, retryDelay);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.WrittenMemory);
    }

    public async Task WriteChatAsync(HttpContext context, SimRequest request, SimReply reply)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=UTF-8";
        bool blocked = Scenario.From(context.Request, request.Model).Name == "safety";
        string id = NewResponseId();
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (blocked)
            {
                WritePromptBlocked(w, request, reply, id);
            }
            else
            {
                w.WriteStartObject();
                WriteCandidates(w, reply, AllParts(reply), reply.FinishReason);
                WriteUsage(w, reply, CandidateTokens(reply));
                WriteTrailer(w, request, id);
                w.WriteEndObject();
            }
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    public async Task WriteChatStreamAsync(HttpContext context, SimRequest request, SimReply reply, StreamPlan plan)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.ContentDisposition = "attachment";
        CancellationToken aborted = context.RequestAborted;
        string id = NewResponseId();
        if (Scenario.From(context.Request, request.Model).Name == "safety")
        {
            await WriteEventAsync(context, w => WritePromptBlocked(w, request, reply, id), aborted);
            return;
        }

        List<List<Action<Utf8JsonWriter>>> pieces = StreamPieces(reply, plan.ChunkCount);
        int total = CandidateTokens(reply);
        for (int i = 0; i < pieces.Count; i++)
        {
            bool last = i == pieces.Count - 1;
            if (plan.CutAfter is int cut && (i >= cut || last))
            {
                // Cut before the chunk with the finish reason, half-way through a frame, so the client can tell the answer is
                // incomplete. The HTTP response itself ends cleanly: an aborted connection (TCP RST) can make the client lose
                // bytes it already received, which would make the number of chunks that arrive depend on timing.
                await WriteRawAsync(context, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"cu", aborted);
                await context.Response.CompleteAsync();
                return;
            }

            if (plan.ErrorAfter is int errorAfter && (i >= errorAfter || last))
            {
                await WriteRawAsync(context, "data: {\"error\":{\"code\":500,\"message\":\"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting\",\"status\":\"INTERNAL\"}}\r\n\r\n", aborted);
                return;
            }

            if (plan.MalformedAt is int malformed && (i == malformed || (last && malformed > i)))
            {
                await WriteRawAsync(context, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"oops\"}\r\n\r\n", aborted);
            }

            List<Action<Utf8JsonWriter>> parts = pieces[i];
            if (last)
            {
                await plan.WaitBeforeLastAsync(aborted);
            }

            int soFar = pieces.Count == 1 ? total : (int)Math.Round(total * (i + 1) / (double)pieces.Count, MidpointRounding.AwayFromZero);
            await WriteEventAsync(context, w =>
            {
                w.WriteStartObject();
                WriteCandidates(w, reply, parts, last ? reply.FinishReason : null);
                WriteUsage(w, reply, soFar);
                WriteTrailer(w, request, id);
                w.WriteEndObject();
            }, aborted);
            if (plan.ChunkDelay > TimeSpan.Zero && !last)
            {
                await Task.Delay(plan.ChunkDelay, aborted);
            }
        }
    }

    public async Task WriteEmbeddingsAsync(HttpContext context, string model, IReadOnlyList<float[]> vectors, int promptTokens, bool base64)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=UTF-8";
        bool single = context.Request.Path.Value?.EndsWith(":embedContent", StringComparison.Ordinal) == true;
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            if (single)
            {
                w.WritePropertyName("embedding");
                WriteValues(w, vectors[0]);
            }
            else
            {
                w.WritePropertyName("embeddings");
                w.WriteStartArray();
                foreach (float[] vector in vectors)
                {
                    WriteValues(w, vector);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private List<Action<Utf8JsonWriter>> AllParts(SimReply reply)
    {
        var parts = new List<Action<Utf8JsonWriter>>();
        if (reply.FinishReason == "content_filter")
        {
            return parts;
        }

        if (IncludeThoughts)
        {
            parts.Add(w => WriteTextPart(w, "Thinking about the request.", thought: true, signature: null));
        }

        if (reply.Text.Length > 0)
        {
            parts.Add(w => WriteTextPart(w, reply.Text, thought: false, signature: IncludeThoughts ? GeminiRequestReader.Signature : null));
        }

        AddCalls(reply, parts);
        return parts;
    }

    private List<List<Action<Utf8JsonWriter>>> StreamPieces(SimReply reply, int? chunkCount)
    {
        var pieces = new List<List<Action<Utf8JsonWriter>>>();
        if (reply.FinishReason == "content_filter")
        {
            pieces.Add([]);
            return pieces;
        }

        if (IncludeThoughts)
        {
            pieces.Add([w => WriteTextPart(w, "Thinking about the request.", thought: true, signature: null)]);
        }

        IReadOnlyList<string> chunks = reply.Chunks(chunkCount);
        for (int i = 0; i < chunks.Count; i++)
        {
            string chunk = chunks[i];
            string? signature = IncludeThoughts && i == chunks.Count - 1 ? GeminiRequestReader.Signature : null;
            pieces.Add([w => WriteTextPart(w, chunk, thought: false, signature)]);
        }

        if (reply.ToolCalls.Count > 0)
        {
            // A function call arrives whole, in one chunk (wire-formats §4.5).
            var calls = new List<Action<Utf8JsonWriter>>();
            AddCalls(reply, calls);
            pieces.Add(calls);
        }

        if (pieces.Count == 0)
        {
            pieces.Add([w => WriteTextPart(w, string.Empty, thought: false, signature: null)]);
        }

        return pieces;
    }

    private static void AddCalls(SimReply reply, List<Action<Utf8JsonWriter>> parts)
    {
        for (int i = 0; i < reply.ToolCalls.Count; i++)
        {
            SimToolCall call = reply.ToolCalls[i];
            bool first = i == 0;
            parts.Add(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("functionCall");
                w.WriteStartObject();
                w.WriteString("name", call.Name);
                w.WritePropertyName("args");
                using (JsonDocument args = JsonDocument.Parse(call.ArgumentsJson))
                {
                    args.RootElement.WriteTo(w);
                }

                w.WriteEndObject();
                if (first)
                {
                    // Thinking models sign the first call of a turn (wire-formats §4.3).
                    w.WriteString("thoughtSignature", GeminiRequestReader.Signature);
                }

                w.WriteEndObject();
            });
        }
    }

    private static void WriteTextPart(Utf8JsonWriter w, string text, bool thought, string? signature)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        if (thought)
        {
            w.WriteBoolean("thought", true);
        }

        if (signature is not null)
        {
            w.WriteString("thoughtSignature", signature);
        }

        w.WriteEndObject();
    }

    private static void WriteCandidates(Utf8JsonWriter w, SimReply reply, List<Action<Utf8JsonWriter>> parts, string? finishReason)
    {
        w.WritePropertyName("candidates");
        w.WriteStartArray();
        w.WriteStartObject();
        if (parts.Count > 0)
        {
            w.WritePropertyName("content");
            w.WriteStartObject();
            w.WritePropertyName("parts");
            w.WriteStartArray();
            foreach (Action<Utf8JsonWriter> part in parts)
            {
                part(w);
            }

            w.WriteEndArray();
            w.WriteString("role", "model");
            w.WriteEndObject();
        }

        if (finishReason is not null)
        {
            w.WriteString("finishReason", finishReason switch
            {
                "length" => "MAX_TOKENS",
                "content_filter" => "SAFETY",
                _ => "STOP",
            });
            if (reply.ToolCalls.Count > 0)
            {
                w.WriteString("finishMessage", "Model generated function call(s).");
            }
        }

        w.WriteNumber("index", 0);
        if (finishReason == "content_filter")
        {
            WriteSafetyRatings(w, blocked: "HARM_CATEGORY_DANGEROUS_CONTENT");
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WritePromptBlocked(Utf8JsonWriter w, SimRequest request, SimReply reply, string id)
    {
        w.WriteStartObject();
        w.WritePropertyName("promptFeedback");
        w.WriteStartObject();
        w.WriteString("blockReason", "SAFETY");
        WriteSafetyRatings(w, blocked: "HARM_CATEGORY_HARASSMENT");
        w.WriteEndObject();
        w.WritePropertyName("usageMetadata");
        w.WriteStartObject();
        w.WriteNumber("promptTokenCount", reply.PromptTokens);
        w.WriteNumber("totalTokenCount", reply.PromptTokens);
        w.WriteEndObject();
        WriteTrailer(w, request, id);
        w.WriteEndObject();
    }

    private static void WriteSafetyRatings(Utf8JsonWriter w, string blocked)
    {
        w.WritePropertyName("safetyRatings");
        w.WriteStartArray();
        foreach (string category in new[] { "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_DANGEROUS_CONTENT", "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_SEXUALLY_EXPLICIT" })
        {
            w.WriteStartObject();
            w.WriteString("category", category);
            w.WriteString("probability", category == blocked ? "HIGH" : "NEGLIGIBLE");
            if (category == blocked)
            {
                w.WriteBoolean("blocked", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Gemini counts thoughts apart from candidates: the planner's completion tokens include its reasoning tokens (OpenAI's
    /// convention), so candidates = completion − reasoning.</summary>
    private static int CandidateTokens(SimReply reply) => Math.Max(0, reply.CompletionTokens - reply.ReasoningTokens);

    private static void WriteUsage(Utf8JsonWriter w, SimReply reply, int candidates)
    {
        w.WritePropertyName("usageMetadata");
        w.WriteStartObject();
        w.WriteNumber("promptTokenCount", reply.PromptTokens);
        if (reply.FinishReason != "content_filter")
        {
            w.WriteNumber("candidatesTokenCount", candidates);
        }

        w.WriteNumber("totalTokenCount", reply.PromptTokens + candidates + reply.ReasoningTokens);
        if (reply.CachedTokens > 0)
        {
            w.WriteNumber("cachedContentTokenCount", reply.CachedTokens);
        }

        w.WritePropertyName("promptTokensDetails");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("modality", "TEXT");
        w.WriteNumber("tokenCount", reply.PromptTokens);
        w.WriteEndObject();
        w.WriteEndArray();
        if (reply.ReasoningTokens > 0)
        {
            w.WriteNumber("thoughtsTokenCount", reply.ReasoningTokens);
        }

        w.WriteEndObject();
    }

    private static void WriteTrailer(Utf8JsonWriter w, SimRequest request, string id)
    {
        w.WriteString("modelVersion", request.Model ?? "gemini-2.5-flash");
        w.WriteString("responseId", id);
    }

    private static void WriteValues(Utf8JsonWriter w, float[] vector)
    {
        w.WriteStartObject();
        w.WritePropertyName("values");
        w.WriteStartArray();
        foreach (float f in vector)
        {
            w.WriteNumberValue(f);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, SimError error, TimeSpan? retryDelay)
    {
        w.WritePropertyName("details");
        w.WriteStartArray();
        switch (error.Kind)
        {
            case "auth":
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                w.WriteString("reason", "API_KEY_INVALID");
                w.WriteString("domain", "googleapis.com");
                w.WritePropertyName("metadata");
                w.WriteStartObject();
                w.WriteString("service", "generativelanguage.googleapis.com");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case "rate_limit" or "quota":
                bool daily = error.Kind == "quota";
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.QuotaFailure");
                w.WritePropertyName("violations");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
                w.WriteString("quotaId", daily ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier" : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.Help");
                w.WritePropertyName("links");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("description", "Learn more about Gemini API quotas");
                w.WriteString("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
                w.WriteString("retryDelay", daily ? "52758s" : FormatDuration(retryDelay ?? TimeSpan.FromSeconds(19)));
                w.WriteEndObject();
                break;
            case "invalid" when error.Status == 400 && error.Message.Contains("temperature", StringComparison.Ordinal):
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.BadRequest");
                w.WritePropertyName("fieldViolations");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("field", "generation_config.temperature");
                w.WriteString("description", "must be in the range [0.0, 2.0]");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            default:
                break;
        }

        w.WriteEndArray();
    }

    /// <summary>Takes the runner's Retry-After hint off the response (Gemini sends the delay in <c>RetryInfo</c>, not in headers).</summary>
    private static TimeSpan? ReadAndRemoveRetryHeaders(HttpResponse response)
    {
        TimeSpan? delay = null;
        if (double.TryParse(response.Headers["retry-after-ms"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
        {
            delay = TimeSpan.FromMilliseconds(ms);
        }
        else if (double.TryParse(response.Headers["retry-after"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
        {
            delay = TimeSpan.FromSeconds(s);
        }

        foreach (string header in new[] { "retry-after", "retry-after-ms", "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests" })
        {
            response.Headers.Remove(header);
        }

        return delay;
    }

    private static string FormatDuration(TimeSpan delay) => delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string StatusName(int status) => status switch
    {
        400 or 413 or 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 or 504 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        _ => "UNKNOWN",
    };

    private static async Task WriteEventAsync(HttpContext context, Action<Utf8JsonWriter> body, CancellationToken aborted)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("data: "u8);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(w);
        }

        buffer.Write(EventEnd);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static async Task WriteRawAsync(HttpContext context, string text, CancellationToken aborted)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static string NewResponseId() => "simresp" + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture);
}
