// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>The gateway's HTTP handlers. Both hosts call these: the local Kestrel host through <c>MapAiOpsGateway()</c>, and the
/// Azure Functions app from thin HTTP-triggered functions. Each method handles one request completely, errors included.</summary>
/// <remarks>This type is thread-safe; register it as a singleton (<c>services.AddAiOpsGateway(configuration)</c> does).</remarks>
public sealed partial class AiOpsGatewayHandlers
{
    private static readonly string s_version = typeof(AiOpsGatewayHandlers).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly GatewayOptions _options;
    private readonly GatewayKeyStore _keys;
    private readonly ModelRouter _router;
    private readonly ChatDispatcher _dispatcher;
    private readonly BatchService _batches;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal AiOpsGatewayHandlers(
        GatewayOptions options,
        GatewayKeyStore keys,
        ModelRouter router,
        ChatDispatcher dispatcher,
        BatchService batches,
        TimeProvider time,
        ILogger<AiOpsGatewayHandlers> logger)
    {
        _options = options;
        _keys = keys;
        _router = router;
        _dispatcher = dispatcher;
        _batches = batches;
        _time = time;
        _logger = logger;
    }

    /// <summary><c>POST /api/v1/chat/completions</c>: OpenAI chat completions for every provider, streamed with <c>stream: true</c>.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task ChatCompletionsAsync(HttpContext context) => RunAsync(context, authenticate: true, ChatCompletionsCoreAsync);

    /// <summary><c>POST /api/v1/embeddings</c>: OpenAI embeddings (float or base64).</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task EmbeddingsAsync(HttpContext context) => RunAsync(context, authenticate: true, EmbeddingsCoreAsync);

    /// <summary><c>GET /api/v1/models</c>: the aliases and provider models this deployment routes, filtered by the caller's key.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task ModelsAsync(HttpContext context) => RunAsync(context, authenticate: true, ModelsCoreAsync);

    /// <summary><c>POST /api/chat</c>: native AiOps chat with an explicit provider.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task NativeChatAsync(HttpContext context) => RunAsync(context, authenticate: true, NativeChatCoreAsync);

    /// <summary><c>POST /api/embeddings</c>: native AiOps embeddings with an explicit provider.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task NativeEmbeddingsAsync(HttpContext context) => RunAsync(context, authenticate: true, NativeEmbeddingsCoreAsync);

    /// <summary><c>GET /api/health</c>: liveness, without authentication and without secrets.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task HealthAsync(HttpContext context) => RunAsync(context, authenticate: false, HealthCoreAsync);

    /// <summary><c>POST /api/batches</c>: validates an OpenAI Batch JSONL input, stores it and enqueues its chunks.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task SubmitBatchAsync(HttpContext context) => RunAsync(context, authenticate: true, (r, ct) => _batches.SubmitAsync(r, ct));

    /// <summary><c>GET /api/batches/{id}</c>: a job's status, counts and errors.</summary>
    /// <param name="context">The request; the route value <c>id</c> names the job.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task GetBatchAsync(HttpContext context) => RunAsync(context, authenticate: true, (r, ct) => _batches.GetStatusAsync(r, RouteId(context), ct));

    /// <summary><c>GET /api/batches/{id}/results</c>: the output lines (OpenAI Batch output JSONL) of the chunks finished so far.</summary>
    /// <param name="context">The request; the route value <c>id</c> names the job.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task GetBatchResultsAsync(HttpContext context) => RunAsync(context, authenticate: true, (r, ct) => _batches.GetResultsAsync(r, RouteId(context), ct));

    private static string RouteId(HttpContext context) => context.Request.RouteValues["id"] as string ?? string.Empty;

    private async Task RunAsync(HttpContext context, bool authenticate, Func<GatewayRequest, CancellationToken, Task> handler)
    {
        var request = new GatewayRequest(context, _time);
        CancellationToken cancellationToken = context.RequestAborted;
        try
        {
            if (authenticate)
            {
                request.Caller = await AuthenticateAsync(context, cancellationToken).ConfigureAwait(false);
            }

            await handler(request, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException ex)
        {
            await FailAsync(request, ex.Error, cancellationToken).ConfigureAwait(false);
        }
        catch (AiException ex)
        {
            LogUpstreamError(_logger, request.RequestId, ex.ToSummary());
            await FailAsync(request, GatewayError.FromException(ex), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; the upstream call was cancelled with it.
        }
        catch (Azure.RequestFailedException ex)
        {
            LogStorageFailed(_logger, request.RequestId, ex.Status, ex.ErrorCode);
            await FailAsync(request, new GatewayError(503, "server_error", "storage_unavailable",
                $"The gateway's storage failed (HTTP {ex.Status} {ex.ErrorCode}); try again later. Request id: {request.RequestId}."), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCrashed(_logger, ex, request.RequestId);
            await FailAsync(request, new GatewayError(500, "server_error", "internal_error",
                $"The gateway failed unexpectedly; its log has the details under request id {request.RequestId}."), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(GatewayRequest request, GatewayError error, CancellationToken cancellationToken)
    {
        if (request.Context.Response.HasStarted)
        {
            return;
        }

        request.Context.Response.Headers[GatewayRequest.OverheadHeader] = request.OverheadMilliseconds().ToString("0.###", CultureInfo.InvariantCulture);
        try
        {
            await GatewayResponses.WriteErrorAsync(request.Context, error, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller is gone.
        }
    }

    private async ValueTask<GatewayCaller> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!_keys.KeysRequired)
        {
            IPAddress? remote = context.Connection.RemoteIpAddress;
            if (remote is null || IPAddress.IsLoopback(remote))
            {
                return GatewayCaller.Anonymous;
            }

            throw new GatewayException(GatewayError.Unauthorized(
                "This gateway has no keys (AIOPS_GATEWAY_ALLOW_ANONYMOUS=true), which only loopback callers may use. Configure AIOPS_GATEWAY_KEYS."));
        }

        string? key = ExtractKey(context.Request);
        if (key is null)
        {
            throw new GatewayException(GatewayError.Unauthorized(
                "No gateway key was sent. Send 'Authorization: Bearer <gateway key>' or 'api-key: <gateway key>' (the OpenAI SDKs do this with their api key setting)."));
        }

        GatewayCaller caller = await _keys.AuthenticateAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayException(GatewayError.Unauthorized("The gateway key is not valid. Check the key you were given for this gateway."));

        if (caller.Limiter is RateLimiter limiter)
        {
            using RateLimitLease lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                TimeSpan? wait = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                throw new GatewayException(new GatewayError(429, "rate_limit_error", "rate_limit_exceeded",
                    $"The gateway key '{caller.Name}' has used its requests for this minute. Wait and retry, or ask for a higher limit.") { RetryAfter = wait });
            }
        }

        return caller;
    }

    private static string? ExtractKey(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 7 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = authorization[7..].Trim();
            if (token.Length > 0)
            {
                return token;
            }
        }

        string apiKey = request.Headers["api-key"].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }

    private ModelRoute Route(GatewayRequest request, string? model)
    {
        ModelRoute route = _router.Resolve(model);
        Authorize(request, route);
        return route;
    }

    private static void Authorize(GatewayRequest request, ModelRoute route)
    {
        if (!request.Caller.MayUse(route))
        {
            throw new GatewayException(GatewayError.Forbidden(
                $"The gateway key '{request.Caller.Name}' may not use the model '{route.Name}'. GET /api/v1/models lists the models it may use.", "model"));
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private static string? UpstreamRequestId(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(AiResponseProperties.RequestId, out object? id) ? id?.ToString() : null;

    private async Task ChatCompletionsCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        ChatCompletionRequest chat;
        using (RequestBody body = await RequestBody.ReadAsync(context, _options.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false))
        using (JsonDocument doc = JsonRead.Parse(body.Memory))
        {
            chat = ChatCompletionRequestReader.Read(JsonRead.RequireObjectRoot(doc), _options);
        }

        ModelRoute route = Route(request, chat.Model);
        if (chat.Stream)
        {
            await StreamChatAsync(request, route, chat.Messages, chat.Options, native: false, chat.IncludeUsage, cancellationToken).ConfigureAwait(false);
            return;
        }

        Dispatched<ChatResponse> result = await _dispatcher.ChatAsync(route, chat.Messages, chat.Options, request, cancellationToken).ConfigureAwait(false);
        request.SetResultHeaders(result.Target, UpstreamRequestId(result.Value.AdditionalProperties), result.FallbackTried);
        Utf8JsonWriter w = GatewayResponses.BeginJson(context);
        ChatCompletionWriter.Write(w, result.Value, result.Value.ResponseId ?? NewId("chatcmpl-"), result.Value.ModelId ?? result.Target.Model ?? route.Name, Now());
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamChatAsync(
        GatewayRequest request, ModelRoute route, List<ChatMessage> messages, ChatOptions options, bool native, bool includeUsage, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        StreamStart start = await _dispatcher.StartStreamAsync(route, messages, options, request, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerator<ChatResponseUpdate> updates = start.Updates;
        try
        {
            request.SetResultHeaders(start.Target, null, start.FallbackTried);
            ChatResponseUpdate? first = start.HasFirst ? updates.Current : null;
            string model = first?.ModelId ?? start.Target.Model ?? route.Name;
            if (native)
            {
                await PumpNativeAsync(request, start, first, model, cancellationToken).ConfigureAwait(false);
                return;
            }

            using ChatStreamWriter writer = ChatStreamWriter.Start(context, first?.ResponseId ?? NewId("chatcmpl-"), model, Now(), includeUsage);
            try
            {
                if (first is not null)
                {
                    await writer.WriteAsync(first, cancellationToken).ConfigureAwait(false);
                    while (await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        await writer.WriteAsync(updates.Current, cancellationToken).ConfigureAwait(false);
                    }
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                GatewayError error = MidStreamError(request, start.Target, ex);
                await TryAsync(() => writer.FailAsync(error, cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            // Disposing the enumerator ends the upstream call (with the request's token cancelled when the caller disconnected).
            await TryAsync(() => updates.DisposeAsync()).ConfigureAwait(false);
        }
    }

    private async Task PumpNativeAsync(GatewayRequest request, StreamStart start, ChatResponseUpdate? first, string model, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        ChatStreamWriter.BeginEventStream(context);
        var body = context.Response.BodyWriter;
        using var w = new Utf8JsonWriter(body, GatewayJson.WriterOptions);
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        async ValueTask EmitAsync(Action<Utf8JsonWriter> write)
        {
            body.Write("data: "u8);
            w.Reset(body);
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
            w.Flush();
            body.Write("\n\n"u8);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        async ValueTask WriteUpdateAsync(ChatResponseUpdate update)
        {
            finish = update.FinishReason ?? finish;
            foreach (AIContent content in update.Contents)
            {
                switch (content)
                {
                    case TextContent t when !string.IsNullOrEmpty(t.Text):
                        await EmitAsync(x =>
                        {
                            x.WriteString("type"u8, "delta"u8);
                            x.WriteString("content"u8, t.Text);
                        }).ConfigureAwait(false);
                        break;
                    case FunctionCallContent call:
                        await EmitAsync(x =>
                        {
                            x.WriteString("type"u8, "toolCall"u8);
                            x.WriteString("id"u8, call.CallId);
                            x.WriteString("name"u8, call.Name);
                            x.WritePropertyName("arguments"u8);
                            JsonValueWriter.Write(x, call.Arguments);
                        }).ConfigureAwait(false);
                        break;
                    case UsageContent u:
                        usage ??= new UsageDetails();
                        usage.Add(u.Details);
                        break;
                }
            }
        }

        try
        {
            if (first is not null)
            {
                await WriteUpdateAsync(first).ConfigureAwait(false);
                while (await start.Updates.MoveNextAsync().ConfigureAwait(false))
                {
                    await WriteUpdateAsync(start.Updates.Current).ConfigureAwait(false);
                }
            }

            await EmitAsync(x =>
            {
                x.WriteString("type"u8, "done"u8);
                x.WriteString("provider"u8, start.Target.Provider.Value);
                x.WriteString("model"u8, model);
                x.WriteString("finishReason"u8, OpenAIWire.FinishReason(finish, hadToolCalls: false));
                NativeWriter.WriteUsage(x, usage);
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            GatewayError error = MidStreamError(request, start.Target, ex);
            await TryAsync(async () => await EmitAsync(x =>
            {
                x.WriteString("type"u8, "error"u8);
                GatewayResponses.WriteErrorObject(x, error);
            }).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private GatewayError MidStreamError(GatewayRequest request, RouteTarget target, Exception ex)
    {
        if (ex is AiException ai)
        {
            LogStreamFailed(_logger, request.RequestId, target.ToString(), ai.ToSummary());
            return GatewayError.FromException(ai);
        }

        LogStreamCrashed(_logger, ex, request.RequestId, target.ToString());
        return new GatewayError(502, "server_error", "stream_interrupted", $"The stream from {target.Provider} failed unexpectedly ({ex.GetType().Name}); the answer is incomplete.");
    }

    private static async Task TryAsync(Func<ValueTask> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the caller may already be gone.
        }
    }

    private async Task EmbeddingsCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        EmbeddingRequest embed;
        using (RequestBody body = await RequestBody.ReadAsync(context, _options.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false))
        using (JsonDocument doc = JsonRead.Parse(body.Memory))
        {
            embed = EmbeddingRequest.Read(JsonRead.RequireObjectRoot(doc), _options);
        }

        ModelRoute route = Route(request, embed.Model);
        var options = new EmbeddingGenerationOptions { Dimensions = embed.Dimensions };
        Dispatched<GeneratedEmbeddings<Embedding<float>>> result = await _dispatcher.EmbedAsync(route, embed.Inputs, options, request, cancellationToken).ConfigureAwait(false);
        request.SetResultHeaders(result.Target, UpstreamRequestId(result.Value.AdditionalProperties), result.FallbackTried);
        Utf8JsonWriter w = GatewayResponses.BeginJson(context);
        EmbeddingWriter.Write(w, result.Value, result.Target.Model ?? route.Name, embed.Base64);
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    private async Task ModelsCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        request.SetResultHeaders(null, null, null);
        Utf8JsonWriter w = GatewayResponses.BeginJson(context);
        w.WriteStartObject();
        w.WriteString("object"u8, "list"u8);
        w.WritePropertyName("data"u8);
        w.WriteStartArray();
        foreach (ModelRoute alias in _router.Aliases)
        {
            if (!request.Caller.MayUse(alias))
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("id"u8, alias.Name);
            w.WriteString("object"u8, "model"u8);
            w.WriteNumber("created"u8, 0);
            w.WriteString("owned_by"u8, "aiops-alias"u8);
            w.WritePropertyName("aiops_targets"u8);
            w.WriteStartArray();
            foreach (RouteTarget t in alias.Targets)
            {
                w.WriteStringValue(t.ToString());
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (AiProvider provider in _router.ConfiguredProviders())
        {
            (string? chatModel, string? embeddingModel) = _router.DefaultModels(provider);
            foreach (string? model in new[] { chatModel, embeddingModel })
            {
                if (model is null)
                {
                    continue;
                }

                string id = provider.Id.Value + "/" + model;
                if (!seen.Add(id) || !request.Caller.MayUse(id))
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("id"u8, id);
                w.WriteString("object"u8, "model"u8);
                w.WriteNumber("created"u8, 0);
                w.WriteString("owned_by"u8, provider.Id.Value);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    private async Task NativeChatCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        NativeChatRequest chat;
        using (RequestBody body = await RequestBody.ReadAsync(context, _options.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false))
        using (JsonDocument doc = JsonRead.Parse(body.Memory))
        {
            chat = NativeChatRequest.Read(JsonRead.RequireObjectRoot(doc), _options);
        }

        ModelRoute route = chat.Provider is string provider ? _router.ResolveExplicit(provider, chat.Model) : _router.Resolve(chat.Model);
        Authorize(request, route);
        if (chat.Stream)
        {
            await StreamChatAsync(request, route, chat.Messages, chat.Options, native: true, includeUsage: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        Dispatched<ChatResponse> result = await _dispatcher.ChatAsync(route, chat.Messages, chat.Options, request, cancellationToken).ConfigureAwait(false);
        string? upstreamId = UpstreamRequestId(result.Value.AdditionalProperties);
        request.SetResultHeaders(result.Target, upstreamId, result.FallbackTried);
        Utf8JsonWriter w = GatewayResponses.BeginJson(context);
        NativeWriter.WriteChat(w, result.Value, result.Target, upstreamId);
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    private async Task NativeEmbeddingsCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        EmbeddingRequest embed;
        string? provider;
        using (RequestBody body = await RequestBody.ReadAsync(context, _options.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false))
        using (JsonDocument doc = JsonRead.Parse(body.Memory))
        {
            JsonElement root = JsonRead.RequireObjectRoot(doc);
            embed = EmbeddingRequest.Read(root, _options);
            provider = JsonRead.String(root, "provider", "provider");
        }

        ModelRoute route = provider is not null ? _router.ResolveExplicit(provider, embed.Model) : _router.Resolve(embed.Model);
        Authorize(request, route);
        var options = new EmbeddingGenerationOptions { Dimensions = embed.Dimensions };
        Dispatched<GeneratedEmbeddings<Embedding<float>>> result = await _dispatcher.EmbedAsync(route, embed.Inputs, options, request, cancellationToken).ConfigureAwait(false);
        request.SetResultHeaders(result.Target, UpstreamRequestId(result.Value.AdditionalProperties), result.FallbackTried);
        Utf8JsonWriter w = GatewayResponses.BeginJson(context);
        NativeWriter.WriteEmbeddings(w, result.Value, result.Target);
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    private async Task HealthCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        request.SetResultHeaders(null, null, null);
        context.Response.Headers.CacheControl = "no-store";
        Utf8JsonWriter w = GatewayResponses.BeginJson(context);
        w.WriteStartObject();
        w.WriteString("status"u8, "ok"u8);
        w.WriteString("version"u8, s_version);
        w.WriteString("defaultProvider"u8, _router.DefaultProvider.Value);
        w.WritePropertyName("providers"u8);
        w.WriteStartArray();
        foreach (AiProvider provider in _router.ConfiguredProviders())
        {
            w.WriteStringValue(provider.Id.Value);
        }

        w.WriteEndArray();
        w.WriteBoolean("batch"u8, _batches.IsEnabled);
        w.WriteEndObject();
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Request {RequestId} failed upstream: {Error}")]
    private static partial void LogUpstreamError(ILogger logger, string requestId, string error);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Request {RequestId}: storage failed with HTTP {Status} {Code}.")]
    private static partial void LogStorageFailed(ILogger logger, string requestId, int status, string? code);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly.")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Request {RequestId}: the stream from {Target} failed after it started: {Error}")]
    private static partial void LogStreamFailed(ILogger logger, string requestId, string target, string error);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Request {RequestId}: the stream from {Target} failed unexpectedly.")]
    private static partial void LogStreamCrashed(ILogger logger, Exception exception, string requestId, string target);
}
