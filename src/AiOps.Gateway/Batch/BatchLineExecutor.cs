// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Checks and runs one OpenAI Batch input line (<c>{"custom_id","method":"POST","url","body"}</c>) and writes its output line.</summary>
internal sealed class BatchLineExecutor
{
    public const string ChatUrl = "/v1/chat/completions";
    public const string EmbeddingsUrl = "/v1/embeddings";

    private readonly GatewayOptions _options;
    private readonly ModelRouter _router;
    private readonly ChatDispatcher _dispatcher;
    private readonly TimeProvider _time;

    public BatchLineExecutor(GatewayOptions options, ModelRouter router, ChatDispatcher dispatcher, TimeProvider time)
    {
        _options = options;
        _router = router;
        _dispatcher = dispatcher;
        _time = time;
    }

    /// <summary>Validates a line completely (shape, body, model route and the caller's permission) without calling a provider.</summary>
    /// <returns>The line's <c>custom_id</c>.</returns>
    /// <exception cref="GatewayException">The line is invalid; the message says why.</exception>
    public string Validate(ReadOnlyMemory<byte> line, GatewayCaller caller)
    {
        using JsonDocument doc = ParseLine(line);
        (string customId, string url, JsonElement body) = ReadEnvelope(doc.RootElement);
        string? model;
        if (url == ChatUrl)
        {
            ChatCompletionRequest chat = ChatCompletionRequestReader.Read(body, _options);
            if (chat.Stream)
            {
                throw new GatewayException(GatewayError.BadRequest("'body.stream' must be false (or absent) in a batch.", "body.stream"));
            }

            model = chat.Model;
        }
        else
        {
            model = EmbeddingRequest.Read(body, _options).Model;
        }

        ModelRoute route = _router.Resolve(model);
        if (!caller.MayUse(route))
        {
            throw new GatewayException(GatewayError.Forbidden($"The gateway key '{caller.Name}' may not use the model '{route.Name}'.", "body.model"));
        }

        return customId;
    }

    /// <summary>Runs a line and returns its output line; <see cref="LineOutcome.Transient"/> marks failures worth retrying later.</summary>
    public async Task<LineOutcome> ExecuteAsync(string jobId, int lineNumber, ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        string outputId = $"batch_req_{jobId}_{lineNumber}";
        string? customId = null;
        try
        {
            using JsonDocument doc = ParseLine(line);
            (customId, string url, JsonElement body) = ReadEnvelope(doc.RootElement);
            if (url == ChatUrl)
            {
                ChatCompletionRequest chat = ChatCompletionRequestReader.Read(body, _options);
                ModelRoute route = _router.Resolve(chat.Model);
                Dispatched<ChatResponse> result = await _dispatcher.ChatAsync(route, chat.Messages, chat.Options, null, cancellationToken).ConfigureAwait(false);
                ChatResponse r = result.Value;
                string? requestId = RequestId(r.AdditionalProperties);
                string json = Success(outputId, customId, requestId, w => ChatCompletionWriter.Write(
                    w, r, r.ResponseId ?? "chatcmpl-" + Guid.NewGuid().ToString("N"), r.ModelId ?? result.Target.Model ?? route.Name, _time.GetUtcNow().ToUnixTimeSeconds()));
                return new LineOutcome(json, Failed: false, Transient: false, null, null);
            }
            else
            {
                EmbeddingRequest embed = EmbeddingRequest.Read(body, _options);
                ModelRoute route = _router.Resolve(embed.Model);
                Dispatched<GeneratedEmbeddings<Embedding<float>>> result = await _dispatcher.EmbedAsync(
                    route, embed.Inputs, new EmbeddingGenerationOptions { Dimensions = embed.Dimensions }, null, cancellationToken).ConfigureAwait(false);
                string json = Success(outputId, customId, RequestId(result.Value.AdditionalProperties), w => EmbeddingWriter.Write(w, result.Value, result.Target.Model ?? route.Name, embed.Base64));
                return new LineOutcome(json, Failed: false, Transient: false, null, null);
            }
        }
        catch (GatewayException ex)
        {
            return Failure(outputId, customId, ex.Error, transient: ex.Error.Status >= 500);
        }
        catch (AiException ex)
        {
            return Failure(outputId, customId, GatewayError.FromException(ex), transient: IsTransient(ex));
        }
    }

    /// <summary>Builds the output line for a line that never ran (its chunk was given up on).</summary>
    public static LineOutcome NotRun(string jobId, int lineNumber, string? customId, string reason) =>
        Failure($"batch_req_{jobId}_{lineNumber}", customId, new GatewayError(500, "server_error", "chunk_failed", reason), transient: false);

    /// <summary>Gets whether a failure may go away if the line is tried again later.</summary>
    public static bool IsTransient(AiException ex) => ex.IsRetryable || ex.Kind is
        AiErrorKind.RateLimited or AiErrorKind.Timeout or AiErrorKind.ServerError or AiErrorKind.Overloaded or
        AiErrorKind.CircuitOpen or AiErrorKind.StreamInterrupted;

    /// <summary>Reads the custom_id of a stored line, or null when it cannot be read.</summary>
    public static string? TryReadCustomId(ReadOnlyMemory<byte> line)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("custom_id", out JsonElement id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonDocument ParseLine(ReadOnlyMemory<byte> line)
    {
        try
        {
            return JsonDocument.Parse(line, GatewayJson.DocumentOptions);
        }
        catch (JsonException)
        {
            throw new GatewayException(GatewayError.BadRequest("The line is not valid JSON.", null, "invalid_json"));
        }
    }

    private static (string CustomId, string Url, JsonElement Body) ReadEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GatewayException(GatewayError.BadRequest("The line must be a JSON object with custom_id, method, url and body.", null, "invalid_json"));
        }

        JsonRead.RejectProviderControl(root, null);
        string customId = JsonRead.String(root, "custom_id", "custom_id") ?? throw JsonRead.Missing("custom_id", "a string that identifies the line in the results");
        if (customId.Length == 0)
        {
            throw new GatewayException(GatewayError.BadRequest("'custom_id' is empty.", "custom_id"));
        }

        string method = JsonRead.String(root, "method", "method") ?? "POST";
        if (!method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            throw new GatewayException(GatewayError.BadRequest($"'method' is '{method}'; batch lines are POST requests.", "method"));
        }

        string url = JsonRead.String(root, "url", "url") ?? throw JsonRead.Missing("url", $"{ChatUrl} or {EmbeddingsUrl}");
        url = url.StartsWith("/api/", StringComparison.Ordinal) ? url[4..] : url;
        if (url is not (ChatUrl or EmbeddingsUrl))
        {
            throw new GatewayException(GatewayError.BadRequest($"'url' is '{url}'; use {ChatUrl} or {EmbeddingsUrl}.", "url"));
        }

        JsonElement body = JsonRead.Object(root, "body", "body") ?? throw JsonRead.Missing("body", "the request body object");
        return (customId, url, body);
    }

    private static string? RequestId(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(AiResponseProperties.RequestId, out object? id) ? id?.ToString() : null;

    private static string Success(string outputId, string customId, string? requestId, Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, GatewayJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id"u8, outputId);
            w.WriteString("custom_id"u8, customId);
            w.WritePropertyName("response"u8);
            w.WriteStartObject();
            w.WriteNumber("status_code"u8, 200);
            w.WriteString("request_id"u8, requestId);
            w.WritePropertyName("body"u8);
            writeBody(w);
            w.WriteEndObject();
            w.WriteNull("error"u8);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static LineOutcome Failure(string outputId, string? customId, GatewayError error, bool transient)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, GatewayJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id"u8, outputId);
            w.WriteString("custom_id"u8, customId);
            w.WritePropertyName("response"u8);
            w.WriteStartObject();
            w.WriteNumber("status_code"u8, error.Status);
            w.WriteNull("request_id"u8);
            w.WritePropertyName("body"u8);
            w.WriteStartObject();
            GatewayResponses.WriteErrorObject(w, error);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WritePropertyName("error"u8);
            w.WriteStartObject();
            w.WriteString("code"u8, error.Code ?? error.Type);
            w.WriteString("message"u8, error.Message);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new LineOutcome(Encoding.UTF8.GetString(buffer.WrittenSpan), Failed: true, Transient: transient, error.Code ?? error.Type, error.Message);
    }
}
