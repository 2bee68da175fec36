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
        Resources = new AiPipelineResources(options, TimeProvider, LoggerFactory);
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

    /// <summary>Gets the cost totals of every client this factory built, and the budget (<c>AI_BUDGET_USD</c>) they share.</summary>
    public AiCostTracker Costs => Resources.Costs;

    /// <summary>Gets the prices the clients use (shipped table, <c>AI_PRICES_FILE</c>, <c>AiOps:Prices</c>).</summary>
    public AiPriceTable Prices => Resources.Prices;

    /// <summary>Gets the state the clients share: circuit breakers and rate limiters per endpoint, cache store, fallback pipelines.</summary>
    internal AiPipelineResources Resources { get; }

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

        // The pipeline's attempt-timeout layer owns AI_TIMEOUT, so the provider's own sender gets none (one timer per attempt).
        var context = new AiProviderContext(provider, settings, _http.Client, Secrets, System.Threading.Timeout.InfiniteTimeSpan, TimeProvider, LoggerFactory);
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

    /// <summary>Completes a fallback target: checks the provider is registered and fills in its default model.</summary>
    internal AiRouteTarget ResolveTarget(AiRouteTarget target)
    {
        AiProvider provider = Registry.Get(target.Provider);
        if (target.Model is not null)
        {
            return target;
        }

        string? model = (Options.Providers.TryGetValue(target.Provider, out AiProviderSettings? s) ? s.DefaultModel : null) ?? provider.DefaultChatModel;
        return new AiRouteTarget(target.Provider, model)
        {
            BaseUrl = target.BaseUrl,
            ApiKey = target.ApiKey,
            Weight = target.Weight,
            Priority = target.Priority,
        };
    }

    /// <summary>Gets (building once) the resilience pipeline of a fallback target: its provider client wrapped in
    /// <see cref="DefaultPipeline.WrapChatCore"/>, without fallback (so targets never recurse), cost, cache or logging.</summary>
    internal IChatClient GetTargetChatClient(AiRouteTarget target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string key = $"{target.Provider}|{target.BaseUrl}|{target.ApiKey}";
        return Resources.Target(key, () =>
        {
            AiProvider provider = Registry.Get(target.Provider);
            AiProviderSettings settings = Options.Providers.TryGetValue(target.Provider, out AiProviderSettings? configured) ? configured.Clone() : new AiProviderSettings();
            if (target.BaseUrl is not null)
            {
                settings.BaseUrl = target.BaseUrl;
            }

            if (target.ApiKey is not null)
            {
                settings.ApiKey = target.ApiKey;
                settings.ApiKeySource = "AiOps:Fallback:Targets";
            }

            var context = new AiProviderContext(provider, settings, _http.Client, Secrets, System.Threading.Timeout.InfiniteTimeSpan, TimeProvider, LoggerFactory);
            var pipeline = new AiPipelineContext(provider, context.Settings, Options, TimeProvider, LoggerFactory, this);
            return DefaultPipeline.WrapChatCore(provider.CreateChatClient(context), pipeline);
        });
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

        Resources.Dispose();
        _http.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
