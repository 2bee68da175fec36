// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Builds and caches one <see cref="AiClient"/> per provider from <see cref="AiOpsOptions"/>, sharing one pooled HTTP handler,
/// one secret cache and the default middleware pipeline.</summary>
/// <remarks>This type is thread-safe. Dispose it to release the HTTP handler; clients it handed out stop working then.</remarks>
public sealed class AiClientFactory : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<AiProviderId, Lazy<AiClient>> _clients = new();
    private readonly AiHttpClientFactory _http;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="AiClientFactory"/> class.</summary>
    /// <param name="options">The configuration; validated here.</param>
    /// <param name="registry">The providers; <see langword="null"/> uses <see cref="AiProviderRegistry.CreateDefault"/>.</param>
    /// <param name="timeProvider">The clock for timeouts, retries and caches. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Logging. The default discards logs.</param>
    /// <param name="secrets">The secret resolver; <see langword="null"/> creates one with <see cref="AiOpsOptions.SecretCacheTtl"/>.</param>
    /// <exception cref="AiException">The options are invalid.</exception>
    public AiClientFactory(
        AiOpsOptions options,
        AiProviderRegistry? registry = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        AiSecretResolver? secrets = null)
    {
        Options = Throw.IfNull(options);
        options.Validate();
        Registry = registry ?? AiProviderRegistry.CreateDefault();
        TimeProvider = timeProvider ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Secrets = secrets ?? new AiSecretResolver(ttl: options.SecretCacheTtl, timeProvider: TimeProvider);
        _http = new AiHttpClientFactory(options.Proxy, options.UseProxy);
    }

    /// <summary>Gets the configuration.</summary>
    public AiOpsOptions Options { get; }

    /// <summary>Gets the providers.</summary>
    public AiProviderRegistry Registry { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the secret resolver.</summary>
    public AiSecretResolver Secrets { get; }

    /// <summary>Gets the cached client for a provider (the default provider when <paramref name="provider"/> is <see langword="null"/>).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The client; do not dispose it (the factory owns it).</returns>
    /// <exception cref="AiException">The provider is unknown.</exception>
    public AiClient GetClient(AiProviderId? provider = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AiProviderId id = provider ?? Options.DefaultProvider;
        _ = Registry.Get(id);
        return _clients.GetOrAdd(id, key => new Lazy<AiClient>(() => CreateClient(key, configure: null, ownsClients: false))).Value;
    }

    /// <summary>Creates a new client for a provider with settings adjusted by <paramref name="configure"/> (explicit parameters win over configuration).</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="configure">Changes a copy of the provider's configured settings.</param>
    /// <returns>A client the caller owns; disposing it does not dispose the factory.</returns>
    /// <exception cref="AiException">The provider is unknown.</exception>
    public AiClient CreateClient(AiProviderId provider, Action<AiProviderSettings>? configure) =>
        CreateClient(provider, configure, ownsClients: true);

    private AiClient CreateClient(AiProviderId id, Action<AiProviderSettings>? configure, bool ownsClients)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AiProvider provider = Registry.Get(id);
        AiProviderSettings settings = Options.Providers.TryGetValue(id, out AiProviderSettings? configured) ? configured.Clone() : new AiProviderSettings();
        configure?.Invoke(settings);

        var context = new AiProviderContext(provider, settings, _http.Client, Secrets, Options.Timeout, TimeProvider, LoggerFactory);
        var pipeline = new AiPipelineContext(provider, context.Settings, Options, TimeProvider, LoggerFactory, this);
        IChatClient chat = provider.SupportsChat
            ? DefaultPipeline.WrapChat(provider.CreateChatClient(context), pipeline)
            : provider.CreateChatClient(context);
        IEmbeddingGenerator<string, Embedding<float>> embeddings = provider.SupportsEmbeddings
            ? DefaultPipeline.WrapEmbeddings(provider.CreateEmbeddingGenerator(context), pipeline)
            : provider.CreateEmbeddingGenerator(context);
        return new AiClient(chat, embeddings, provider.Id, ownsClients, owner: null)
        {
            DefaultModel = settings.DefaultModel ?? provider.DefaultChatModel,
            DefaultEmbeddingModel = settings.DefaultEmbeddingModel ?? provider.DefaultEmbeddingModel,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (Lazy<AiClient> client in _clients.Values)
        {
            if (client.IsValueCreated)
            {
                client.Value.DisposeInner();
            }
        }

        _http.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
