// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The Anthropic Messages API (<c>POST {base}/v1/messages</c>) as an <see cref="IChatClient"/>.</summary>
/// <remarks>
/// <para>Headers: <c>x-api-key</c>, <c>anthropic-version</c> (<see cref="AnthropicOptions.DefaultApiVersion"/> unless
/// <see cref="AiProviderSettings.ApiVersion"/> overrides it) and, when configured or requested, <c>anthropic-beta</c>.</para>
/// <para>Bad input fails before anything is sent; HTTP failures become <see cref="AiException"/>s through the shared sender; a stream
/// that reports an <c>error</c> event or ends before <c>message_stop</c> throws, never ending silently.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
internal sealed class AnthropicChatClient : IChatClient
{
    private const string BetaHeader = "anthropic-beta";
    private readonly ProviderHttpSender _sender;
    private readonly Uri _endpoint;
    private readonly string _version;
    private readonly string? _configuredBeta;
    private readonly string _defaultModel;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="AnthropicChatClient"/> class.</summary>
    /// <param name="context">The provider context.</param>
    public AnthropicChatClient(AiProviderContext context)
    {
        _ = Throw.IfNull(context);
        Uri baseUrl = context.BaseUrl ?? new Uri("https://api.anthropic.com");
        _endpoint = Endpoint(baseUrl);
        _version = string.IsNullOrWhiteSpace(context.Settings.ApiVersion) ? AnthropicOptions.DefaultApiVersion : context.Settings.ApiVersion;
        _defaultModel = context.Settings.DefaultModel ?? context.Provider.DefaultChatModel ?? "claude-sonnet-4-5";

        // A configured anthropic-beta header is merged with the per-request betas here, so the sender must not overwrite it.
        AiProviderContext senderContext = context;
        if (context.Settings.Headers.TryGetValue(BetaHeader, out string? beta))
        {
            _configuredBeta = beta;
            AiProviderSettings settings = context.Settings.Clone();
            _ = settings.Headers.Remove(BetaHeader);
            senderContext = new AiProviderContext(context.Provider, settings, context.HttpClient, context.Secrets, context.Timeout, context.TimeProvider, context.LoggerFactory);
        }

        _sender = new ProviderHttpSender(senderContext, new ApiKeyHeaderAuth(senderContext, "x-api-key"));
        _metadata = new ChatClientMetadata(context.Provider.Id.Value, baseUrl, _defaultModel);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        AnthropicPreparedRequest prepared = Prepare(messages, options, stream: false);
        (AnthropicResponse answer, HttpResponseMessage response) = await _sender
            .SendJsonAsync(() => CreateRequest(prepared, stream: false), AnthropicJsonContext.Default.AnthropicResponse, cancellationToken)
            .ConfigureAwait(false);
        using (response)
        {
            return AnthropicResponseReader.ToChatResponse(answer, _sender.Info, ProviderErrorMapper.RequestId(response));
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Validate and build eagerly: bad input fails at the call, not at the first MoveNextAsync.
        AnthropicPreparedRequest prepared = Prepare(messages, options, stream: true);
        return StreamAsync(prepared, cancellationToken);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        _ = Throw.IfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The HTTP client is shared and owned by the client factory.
    }

    /// <summary>Builds the request without sending it (tests and the request oracle use it).</summary>
    internal AnthropicPreparedRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        IReadOnlyList<ChatMessage> list = ChatRequestValidator.Validate(messages, options, _sender.Info.Name);
        string model = string.IsNullOrWhiteSpace(options?.ModelId) ? _defaultModel : options.ModelId;
        return AnthropicRequestBuilder.Build(list, options, model, stream, _configuredBeta);
    }

    private static Uri Endpoint(Uri baseUrl)
    {
        // ANTHROPIC_BASE_URL is the host (SDK convention); tolerate a trailing /v1 so it is not doubled.
        string root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^3];
        }

        return new Uri(root + "/v1/messages");
    }

    private HttpRequestMessage CreateRequest(AnthropicPreparedRequest prepared, bool stream)
    {
        var content = new ByteArrayContent(prepared.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        _ = request.Headers.TryAddWithoutValidation("anthropic-version", _version);
        if (prepared.Beta is not null)
        {
            _ = request.Headers.TryAddWithoutValidation(BetaHeader, prepared.Beta);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        return request;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(AnthropicPreparedRequest prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _sender.SendStreamingAsync(() => CreateRequest(prepared, stream: true), cancellationToken).ConfigureAwait(false);
        string? requestId = ProviderErrorMapper.RequestId(response);
        var state = new AnthropicStreamState(_sender.Info, requestId, _sender.SecretToRedact);
        await foreach (SseItem<AnthropicStreamEvent> item in ProviderSseReader.ReadAsync(response, AnthropicStreamEventParser.Parse, _sender.Info, cancellationToken).ConfigureAwait(false))
        {
            if (state.Apply(item.Data) is ChatResponseUpdate update)
            {
                yield return update;
            }

            if (state.Stopped)
            {
                yield break;
            }
        }

        throw ProviderSseReader.EndedEarly(_sender.Info, requestId, "message_stop");
    }
}
