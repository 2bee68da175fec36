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

/// <summary>The chat client of every OpenAI-shaped provider (OpenAI, Azure OpenAI, OpenAI-compatible servers): chat completions
/// over the shared HTTP layer, with the differences between surfaces in <see cref="OpenAIWireProfile"/>.</summary>
/// <remarks><para>Bad input (see <see cref="ChatRequestValidator"/>), a missing model or base URL and content the API cannot carry
/// fail before anything is sent. Streams end only at <c>data: [DONE]</c>; anything else is <see cref="AiErrorKind.StreamInterrupted"/>.</para>
/// <para>This type is thread-safe.</para></remarks>
internal sealed class OpenAIChatClient : IChatClient
{
    private readonly AiProviderContext _context;
    private readonly OpenAIWireProfile _profile;
    private readonly ProviderHttpSender _sender;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="OpenAIChatClient"/> class.</summary>
    /// <param name="context">The provider's settings, HTTP client and clock.</param>
    /// <param name="profile">The surface.</param>
    /// <param name="auth">How credentials are sent.</param>
    public OpenAIChatClient(AiProviderContext context, OpenAIWireProfile profile, ProviderAuth auth)
    {
        _context = Throw.IfNull(context);
        _profile = Throw.IfNull(profile);
        _sender = new ProviderHttpSender(context, Throw.IfNull(auth));
        _metadata = new ChatClientMetadata(context.Provider.Id.Value, profile.BaseUri, DefaultModel);
    }

    private string? DefaultModel => _context.Settings.DefaultModel ?? _context.Provider.DefaultChatModel;

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = ChatRequestValidator.Validate(messages, options, _profile.Info.Name);
        (Uri uri, OpenAIRequestBody body) = Prepare(list, options, stream: false);
        OpenAIChatCompletion completion;
        HttpResponseMessage response;
        using (body)
        {
            (completion, response) = await _sender.SendJsonAsync(
                () => CreateRequest(uri, body, stream: false), OpenAIJsonContext.Default.OpenAIChatCompletion, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            return OpenAIResponseMapper.ToChatResponse(completion, _profile.Info, ProviderErrorMapper.RequestId(response), _sender.SecretToRedact);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Validate and serialize eagerly: bad input fails at the call, before the first MoveNextAsync and before sending.
        IReadOnlyList<ChatMessage> list = ChatRequestValidator.Validate(messages, options, _profile.Info.Name);
        (Uri uri, OpenAIRequestBody body) = Prepare(list, options, stream: true);
        return StreamAsync(uri, body, cancellationToken);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        _ = Throw.IfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(OpenAIWireProfile))
        {
            return _profile;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The HTTP client is shared and owned by the factory.
    }

    private (Uri Uri, OpenAIRequestBody Body) Prepare(IReadOnlyList<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        string model = options?.ModelId is { Length: > 0 } m ? m : DefaultModel ?? throw MissingModel();
        _ = _profile.RequireBaseUri();
        ChatRequestValidator.RequireObjectToolSchemas(options, _profile.Info.Name, static i => $"tools[{i}].function.parameters");
        Uri uri = _profile.ChatUri(model);
        return (uri, OpenAIChatRequestWriter.Write(messages, options, model, _profile, stream));
    }

    private AiException MissingModel()
    {
        bool azure = _profile.Surface is OpenAISurface.AzureDeployments or OpenAISurface.AzureV1;
        string message = azure
            ? "No Azure OpenAI deployment is set. Set AZURE_OPENAI_DEPLOYMENT (or AI_DEFAULT_MODEL with AI_PROVIDER=azure-openai), or pass -Deployment / ChatOptions.ModelId with your deployment's name. Nothing was sent."
            : $"No model is set for {_profile.Info.DisplayName}. Set AI_DEFAULT_MODEL (with AI_PROVIDER={_profile.Info.Name}), or pass -Model / ChatOptions.ModelId. Nothing was sent.";
        return new AiException(AiErrorKind.InvalidConfiguration, message)
        {
            Provider = _profile.Info.Name,
            Parameter = _profile.ModelSetting,
        };
    }

    private HttpRequestMessage CreateRequest(Uri uri, OpenAIRequestBody body, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = body.CreateContent(),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        AddOrganizationHeaders(request, _profile, _context.Settings);
        return request;
    }

    /// <summary>Adds <c>OpenAI-Organization</c> and <c>OpenAI-Project</c> when configured (OpenAI surface only).</summary>
    internal static void AddOrganizationHeaders(HttpRequestMessage request, OpenAIWireProfile profile, AiProviderSettings settings)
    {
        if (!profile.SendsOrganizationHeaders)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(settings.Organization))
        {
            _ = request.Headers.TryAddWithoutValidation("OpenAI-Organization", settings.Organization);
        }

        if (!string.IsNullOrWhiteSpace(settings.Project))
        {
            _ = request.Headers.TryAddWithoutValidation("OpenAI-Project", settings.Project);
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(Uri uri, OpenAIRequestBody body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        using (body)
        {
            response = await _sender.SendStreamingAsync(() => CreateRequest(uri, body, stream: true), cancellationToken).ConfigureAwait(false);
        }

        string? requestId = ProviderErrorMapper.RequestId(response);
        var parser = new OpenAIStreamParser(_profile.Info, requestId, _sender.SecretToRedact);
        await foreach (SseItem<ChatResponseUpdate?> item in ProviderSseReader.ReadAsync<ChatResponseUpdate?>(response, parser.Parse, _sender.Info, cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is { } update)
            {
                yield return update;
            }

            if (parser.IsDone)
            {
                yield break;
            }
        }

        throw ProviderSseReader.EndedEarly(_sender.Info, requestId, "data: [DONE]");
    }
}
