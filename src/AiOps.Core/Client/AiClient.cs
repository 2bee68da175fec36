// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The AiOps facade: chat, streamed chat and embeddings against one provider, through the default middleware.</summary>
/// <remarks>
/// <para>Build one with <see cref="FromEnvironment(string?)"/>, <see cref="Create(AiOpsOptions, string?)"/>, <see cref="AiClientFactory"/>,
/// <c>services.AddAiOps(configuration)</c>, or wrap any <see cref="IChatClient"/> with the constructor.</para>
/// <para>Calls are thread-safe. <see cref="Use(Func{IChatClient, IChatClient})"/> changes the pipeline and is not: configure before use.</para>
/// </remarks>
public sealed class AiClient : IDisposable, IAsyncDisposable
{
    private readonly bool _ownsClients;
    private readonly IDisposable? _owner;
    private IChatClient _chat;
    private IEmbeddingGenerator<string, Embedding<float>> _embeddings;

    /// <summary>Initializes a new instance of the <see cref="AiClient"/> class over any chat client (and optionally an embedding generator).</summary>
    /// <param name="chatClient">The chat client (an AiOps provider or any third-party <see cref="IChatClient"/>).</param>
    /// <param name="embeddingGenerator">The embedding generator, or <see langword="null"/> when embeddings are not available.</param>
    /// <exception cref="ArgumentNullException"><paramref name="chatClient"/> is <see langword="null"/>.</exception>
    public AiClient(IChatClient chatClient, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null)
        : this(Throw.IfNull(chatClient), embeddingGenerator ?? new UnsupportedEmbeddingGenerator(), ProviderOf(chatClient), ownsClients: true, owner: null)
    {
    }

    internal AiClient(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embeddings, AiProviderId provider, bool ownsClients, IDisposable? owner)
    {
        _chat = chat;
        _embeddings = embeddings;
        Provider = provider;
        _ownsClients = ownsClients;
        _owner = owner;
    }

    /// <summary>Gets the provider this client talks to.</summary>
    public AiProviderId Provider { get; }

    /// <summary>Gets the chat model used when a call names none.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>Gets the embedding model used when a call names none.</summary>
    public string? DefaultEmbeddingModel { get; init; }

    /// <summary>Gets the chat pipeline (usable in any Microsoft.Extensions.AI application).</summary>
    public IChatClient ChatClient => _chat;

    /// <summary>Gets the embeddings pipeline.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator => _embeddings;

    /// <summary>Creates a client from the process environment (<c>AI_PROVIDER</c>, keys, …).</summary>
    /// <param name="provider">The provider; <see langword="null"/> uses <c>AI_PROVIDER</c> (default <c>openai</c>).</param>
    /// <returns>A client that owns its HTTP resources.</returns>
    /// <exception cref="AiException">A variable has a bad value, or the provider is unknown.</exception>
    public static AiClient FromEnvironment(string? provider = null) => Create(AiOpsConfiguration.FromEnvironment(), provider);

    /// <summary>Creates a client from options.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="provider">The provider; <see langword="null"/> uses <see cref="AiOpsOptions.DefaultProvider"/>.</param>
    /// <returns>A client that owns its HTTP resources.</returns>
    /// <exception cref="AiException">The options are invalid, or the provider is unknown.</exception>
    public static AiClient Create(AiOpsOptions options, string? provider = null)
    {
        var factory = new AiClientFactory(options);
        try
        {
            AiProviderId id = provider is null ? options.DefaultProvider : AiOpsConfiguration.ParseProvider(provider, "provider");
            AiClient inner = factory.CreateClient(id, configure: null);
            return new AiClient(inner._chat, inner._embeddings, inner.Provider, ownsClients: true, owner: factory)
            {
                DefaultModel = inner.DefaultModel,
                DefaultEmbeddingModel = inner.DefaultEmbeddingModel,
            };
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>Starts a fluent request: <c>client.Prompt().System("…").User("…").SendAsync()</c>.</summary>
    /// <returns>A new builder.</returns>
    public AiPromptBuilder Prompt() => new(this);

    /// <summary>Sends one user prompt.</summary>
    /// <param name="prompt">The user's text.</param>
    /// <param name="options">Model, temperature, tools, …; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="AiException">The call failed; <see cref="AiException.Kind"/> says why.</exception>
    public Task<ChatResponse> ChatAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ChatAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken);

    /// <summary>Sends a conversation.</summary>
    /// <param name="messages">The conversation so far.</param>
    /// <param name="options">Model, temperature, tools, …; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="AiException">The call failed; <see cref="AiException.Kind"/> says why.</exception>
    public Task<ChatResponse> ChatAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = ChatRequestValidator.Validate(messages, options, Provider.Value);
        return _chat.GetResponseAsync(list, WithDefaults(options), cancellationToken);
    }

    /// <summary>Streams the answer to one user prompt.</summary>
    /// <param name="prompt">The user's text.</param>
    /// <param name="options">Model, temperature, tools, …</param>
    /// <param name="cancellationToken">Cancels the stream and the HTTP call.</param>
    /// <returns>The updates as they arrive; the last carries usage and the finish reason.</returns>
    public IAsyncEnumerable<ChatResponseUpdate> ChatStreamAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ChatStreamAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken);

    /// <summary>Streams the answer to a conversation.</summary>
    /// <param name="messages">The conversation so far.</param>
    /// <param name="options">Model, temperature, tools, …</param>
    /// <param name="cancellationToken">Cancels the stream and the HTTP call.</param>
    /// <returns>The updates as they arrive. A cut stream throws <see cref="AiErrorKind.StreamInterrupted"/>; it never ends silently.</returns>
    public IAsyncEnumerable<ChatResponseUpdate> ChatStreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Validate eagerly so bad input fails at the call, not at the first MoveNextAsync.
        IReadOnlyList<ChatMessage> list = ChatRequestValidator.Validate(messages, options, Provider.Value);
        return StreamCoreAsync(list, WithDefaults(options), cancellationToken);
    }

    /// <summary>Embeds texts, in input order.</summary>
    /// <param name="inputs">The texts.</param>
    /// <param name="options">Model and dimensions; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One embedding per input, in input order.</returns>
    /// <exception cref="AiException">The call failed, or the provider has no embeddings (<see cref="AiErrorKind.NotSupported"/>).</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(IEnumerable<string> inputs, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(inputs);
        if (options?.ModelId is null && DefaultEmbeddingModel is not null)
        {
            options = options?.Clone() ?? new EmbeddingGenerationOptions();
            options.ModelId = DefaultEmbeddingModel;
        }

        return _embeddings.GenerateAsync(inputs, options, cancellationToken);
    }

    /// <summary>Wraps the chat pipeline in another layer (outermost).</summary>
    /// <param name="middleware">Returns a client that delegates to the one it is given (for example a <see cref="DelegatingChatClient"/>).</param>
    /// <returns>This client.</returns>
    public AiClient Use(Func<IChatClient, IChatClient> middleware)
    {
        _ = Throw.IfNull(middleware);
        _chat = middleware(_chat) ?? throw new InvalidOperationException("The chat middleware returned null. Return a client that wraps the one you were given.");
        return this;
    }

    /// <summary>Wraps the embeddings pipeline in another layer (outermost).</summary>
    /// <param name="middleware">Returns a generator that delegates to the one it is given.</param>
    /// <returns>This client.</returns>
    public AiClient Use(Func<IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingGenerator<string, Embedding<float>>> middleware)
    {
        _ = Throw.IfNull(middleware);
        _embeddings = middleware(_embeddings) ?? throw new InvalidOperationException("The embeddings middleware returned null. Return a generator that wraps the one you were given.");
        return this;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClients)
        {
            DisposeInner();
        }

        _owner?.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"AiClient({Provider}, model={DefaultModel ?? "(provider default)"})";

    internal void DisposeInner()
    {
        _chat.Dispose();
        _embeddings.Dispose();
    }

    private ChatOptions? WithDefaults(ChatOptions? options)
    {
        if (options?.ModelId is not null || DefaultModel is null)
        {
            return options;
        }

        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = DefaultModel;
        return copy;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamCoreAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (ChatResponseUpdate update in _chat.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private static AiProviderId ProviderOf(IChatClient client) =>
        client.GetService<ChatClientMetadata>()?.ProviderName is string name && !string.IsNullOrWhiteSpace(name) ? new AiProviderId(name) : new AiProviderId("custom");
}
