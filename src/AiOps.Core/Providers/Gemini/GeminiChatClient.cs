// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Google Gemini (Developer API, <c>v1beta</c>) as an <see cref="IChatClient"/>: <c>generateContent</c> and
/// <c>streamGenerateContent?alt=sse</c> with the key in <c>x-goog-api-key</c>.</summary>
/// <remarks>
/// <para>A stream is complete when a chunk carried <c>finishReason</c>; one that ends (or is cut) before that throws
/// <see cref="AiErrorKind.StreamInterrupted"/>. Usage is cumulative on every chunk: only the last is reported, once, in a final update
/// holding a <see cref="UsageContent"/>. A blocked prompt throws <see cref="AiErrorKind.ContentFiltered"/>; a filtered answer ends with
/// <see cref="ChatFinishReason.ContentFilter"/> and the categories in <see cref="AiResponseProperties.FilteredCategories"/>.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
internal sealed class GeminiChatClient : IChatClient
{
    private readonly ProviderHttpSender _sender;
    private readonly GeminiEndpoint _endpoint;
    private readonly string _defaultModel;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="GeminiChatClient"/> class.</summary>
    public GeminiChatClient(AiProviderContext context)
    {
        _sender = new ProviderHttpSender(context, new ApiKeyHeaderAuth(context, "x-goog-api-key"));
        Uri baseUrl = context.BaseUrl ?? new Uri(GeminiProvider.DefaultHost);
        _endpoint = new GeminiEndpoint(baseUrl, context.Provider.Id.Value);
        _defaultModel = context.Settings.DefaultModel ?? context.Provider.DefaultChatModel ?? GeminiProvider.ChatModel;
        _metadata = new ChatClientMetadata("gcp.gemini", baseUrl, _defaultModel);
    }

    private ProviderInfo Info => _sender.Info;

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (byte[] body, string model) = Prepare(messages, options);
        Uri uri = _endpoint.For(model, "generateContent");
        (GeminiResponse response, HttpResponseMessage http) = await _sender
            .SendJsonAsync(() => CreateRequest(uri, body), GeminiJsonContext.Default.GeminiResponse, cancellationToken)
            .ConfigureAwait(false);
        string? requestId;
        using (http)
        {
            requestId = ProviderErrorMapper.RequestId(http);
        }

        try
        {
            return GeminiResponseMapper.ToChatResponse(response, model, requestId, Info);
        }
        catch (JsonException ex)
        {
            throw _sender.InvalidResponse($"a part could not be read ({ex.Message})", ex);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Built eagerly: bad input fails at the call, before anything is sent.
        (byte[] body, string model) = Prepare(messages, options);
        return StreamAsync(body, model, cancellationToken);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        _ = Throw.IfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The HTTP client is shared and owned by the factory.
    }

    private (byte[] Body, string Model) Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        string provider = Info.Name;
        IReadOnlyList<ChatMessage> list = ChatRequestValidator.Validate(messages, options, provider);
        string model = GeminiEndpoint.NormalizeModel(options?.ModelId ?? _defaultModel, provider, "model");
        GeminiRequest request = GeminiRequestBuilder.Build(list, options, provider);
        return (JsonSerializer.SerializeToUtf8Bytes(request, GeminiJsonContext.Default.GeminiRequest), model);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(byte[] body, string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri uri = _endpoint.For(model, "streamGenerateContent", sse: true);
        HttpResponseMessage http = await _sender.SendStreamingAsync(() => CreateRequest(uri, body), cancellationToken).ConfigureAwait(false);
        string? requestId = ProviderErrorMapper.RequestId(http);
        var parser = new GeminiStreamParser();
        GeminiUsage? usage = null;
        string? responseId = null;
        string? modelVersion = null;
        bool finished = false;
        bool hadCalls = false;
        bool sentFirst = false;
        int callIndex = 0;

        await foreach (SseItem<GeminiResponse?> item in ProviderSseReader.ReadAsync<GeminiResponse?>(http, parser.Parse, Info, cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is not GeminiResponse chunk)
            {
                continue;
            }

            if (chunk.ErrorJson is string error)
            {
                throw ProviderErrorMapper.FromStreamError(Info, error, requestId, _sender.SecretToRedact);
            }

            if (chunk.BlockReason is not null)
            {
                throw GeminiResponseMapper.PromptBlocked(chunk, requestId, Info);
            }

            usage = chunk.Usage ?? usage;
            responseId = chunk.ResponseId ?? responseId;
            modelVersion = chunk.ModelVersion ?? modelVersion;
            if (chunk.Candidate is not GeminiCandidate candidate)
            {
                continue;
            }

            var contents = new List<AIContent>(candidate.Parts.Count + 1);
            try
            {
                hadCalls |= GeminiResponseMapper.AddContents(candidate, contents, responseId, ref callIndex);
            }
            catch (JsonException ex)
            {
                throw ProviderSseReader.Interrupted(Info, http, $"a part could not be read ({ex.Message})", ex);
            }

            if (contents.Count == 0 && candidate.FinishReason is null)
            {
                continue;
            }

            var update = new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelVersion ?? model,
                RawRepresentation = chunk,
            };
            if (candidate.FinishReason is string raw)
            {
                finished = true;
                update.FinishReason = GeminiFinishReasons.Map(raw, hadCalls);
                update.AdditionalProperties = GeminiResponseMapper.Properties(Info, requestId);
                GeminiResponseMapper.AddFinishDetails(update.AdditionalProperties, candidate);
            }
            else if (!sentFirst)
            {
                // As every AiOps provider does: the first update says who answered (and the request id), before any content reaches the caller.
                update.AdditionalProperties = GeminiResponseMapper.Properties(Info, requestId);
            }

            sentFirst = true;

            yield return update;
        }

        if (!finished)
        {
            throw ProviderSseReader.EndedEarly(Info, requestId, "a chunk with a finishReason");
        }

        if (usage is not null)
        {
            // Usage is cumulative on every chunk; the last one is the total, reported once here.
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(GeminiResponseMapper.ToUsage(usage))])
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelVersion ?? model,
                AdditionalProperties = GeminiResponseMapper.Properties(Info, requestId),
            };
        }
    }

    private static HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
    }
}
