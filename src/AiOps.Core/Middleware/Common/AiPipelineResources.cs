// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>What the clients of one <see cref="AiClientFactory"/> share: circuit breakers and rate limiters per provider endpoint, the
/// response store, the price table, the cost totals and budget, and the fallback targets' pipelines.</summary>
/// <remarks>Owned and disposed by the factory; nothing here is static, so two factories never share state.</remarks>
internal sealed class AiPipelineResources : IDisposable
{
    private readonly ConcurrentDictionary<string, AiCircuitBreaker> _breakers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<AiRateLimiter>> _limiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _targets = new(StringComparer.Ordinal);
    private readonly AiOpsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly InMemoryResponseCache? _ownedStore;

    /// <summary>Initializes a new instance of the <see cref="AiPipelineResources"/> class; reads <c>AI_PRICES_FILE</c>.</summary>
    public AiPipelineResources(AiOpsOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(AiOpsLoggerCategories.Resilience);
        AiPriceTable prices = AiPriceTable.Default;
        if (options.PricesFile is string file)
        {
            prices = prices.With(AiPriceTable.LoadFile(file));
        }

        Prices = options.Prices.Count > 0 ? prices.With(options.Prices) : prices;
        Costs = new AiCostTracker(options.BudgetUsd);
        if (options.CacheStore is null)
        {
            _ownedStore = new InMemoryResponseCache(timeProvider, options.CacheMaxEntries);
        }

        CacheStore = options.CacheStore ?? _ownedStore!;
    }

    /// <summary>Gets the prices (shipped table, then <c>AI_PRICES_FILE</c>, then <c>AiOps:Prices</c>).</summary>
    public AiPriceTable Prices { get; }

    /// <summary>Gets the factory-wide totals, which hold the budget.</summary>
    public AiCostTracker Costs { get; }

    /// <summary>Gets the response store.</summary>
    public IDistributedCache CacheStore { get; }

    /// <summary>Gets the resilience logger.</summary>
    public ILogger Logger => _logger;

    /// <summary>Gets the key of a provider endpoint: <c>provider|endpoint</c>.</summary>
    public static string EndpointKey(AiProviderId provider, Uri? endpoint) =>
        provider.Value + "|" + (endpoint?.GetLeftPart(UriPartial.Path).TrimEnd('/') ?? "(default)");

    /// <summary>Gets the endpoint's circuit breaker.</summary>
    public AiCircuitBreaker Breaker(AiProviderId provider, Uri? endpoint) =>
        _breakers.GetOrAdd(EndpointKey(provider, endpoint), _ => new AiCircuitBreaker(
            provider.Value,
            endpoint?.GetLeftPart(UriPartial.Authority),
            _options.CircuitBreakerThreshold,
            _options.CircuitBreakerDuration,
            _timeProvider,
            _logger));

    /// <summary>Gets the endpoint's rate limiter.</summary>
    public AiRateLimiter RateLimiter(AiProviderId provider, Uri? endpoint) =>
        _limiters.GetOrAdd(EndpointKey(provider, endpoint), _ => new Lazy<AiRateLimiter>(() =>
            new AiRateLimiter(AiRateLimitOptions.From(_options), provider.Value, _timeProvider, _logger))).Value;

    /// <summary>Gets (creating once) the resilience pipeline of a fallback target.</summary>
    public IChatClient Target(string key, Func<IChatClient> create) =>
        _targets.GetOrAdd(key, _ => new Lazy<IChatClient>(create)).Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Lazy<IChatClient> target in _targets.Values)
        {
            if (target.IsValueCreated)
            {
                target.Value.Dispose();
            }
        }

        foreach (Lazy<AiRateLimiter> limiter in _limiters.Values)
        {
            if (limiter.IsValueCreated)
            {
                limiter.Value.Dispose();
            }
        }
    }
}
