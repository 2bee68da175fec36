// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Wraps a provider's clients in the default middleware (resilience, cost, cache, telemetry) as configured.</summary>
/// <remarks>
/// <para>Order, outermost first (DESIGN.md): logging → metrics/tracing → cost → cache → (budget) → rate limit → fallback/routing →
/// total timeout → retry → circuit breaker → attempt timeout → provider. docs/resilience.md draws it and lists every setting.</para>
/// <para>The attempt timeout layer owns <c>AI_TIMEOUT</c>: providers built by <see cref="AiClientFactory"/> get no timeout of their own, so
/// each attempt has one timer. Layers whose settings are off are left out (no rate limiter without limits, no fallback without targets,
/// no budget without <c>AI_BUDGET_USD</c>, no logging without a logger factory). The response cache layer is always there so a call can
/// opt in with <see cref="AiRequestProperties.Cache"/>; it also removes the <c>aiops.*</c> options before the provider sees them.</para>
/// </remarks>
internal static class DefaultPipeline
{
    /// <summary>Wraps a chat client.</summary>
    public static IChatClient WrapChat(IChatClient provider, AiPipelineContext context)
    {
        AiOpsOptions o = context.Options;
        AiPipelineResources resources = context.Factory.Resources;
        string name = context.Provider.Id.Value;
        IChatClient client = WrapChatCore(provider, context);

        if (o.Fallback.Count > 0)
        {
            var targets = new List<AiFallbackTarget>(o.Fallback.Count);
            foreach (AiRouteTarget configured in o.Fallback)
            {
                AiRouteTarget route = context.Factory.ResolveTarget(configured);
                targets.Add(new AiFallbackTarget(route, () => context.Factory.GetTargetChatClient(route)));
            }

            AiFallbackOptions fallbackOptions = AiFallbackOptions.From(o);
            fallbackOptions.PrimaryProvider = context.Provider.Id;
            client = new FallbackChatClient(client, targets, fallbackOptions, resources.Logger);
        }

        var rateLimits = AiRateLimitOptions.From(o);
        if (rateLimits.IsEnabled)
        {
            client = new RateLimitingChatClient(client, resources.RateLimiter(context.Provider.Id, context.Endpoint));
        }

        var tracker = new AiCostTracker(parent: resources.Costs);
        if (tracker.HasBudget)
        {
            client = new BudgetChatClient(client, tracker, resources.Prices, resources.Logger, name);
        }

        client = new ResponseCacheChatClient(client, resources.CacheStore, new AiResponseCacheOptions
        {
            Enabled = o.CacheEnabled,
            Ttl = o.CacheTtl,
            Partition = AiPipelineResources.EndpointKey(context.Provider.Id, context.Endpoint),
        });
        client = new CostChatClient(client, tracker, resources.Prices, name);

        var telemetry = new OpenTelemetryChatClient(client, Logger(context, AiOpsLoggerCategories.Telemetry), AiOpsTelemetry.SourceName);
        if (o.LogContent)
        {
            telemetry.EnableSensitiveData = true;
        }

        client = telemetry;
        if (HasLogging(context))
        {
            client = new AiOpsLoggingChatClient(client, context.LoggerFactory.CreateLogger(AiOpsLoggerCategories.Chat), o.LogContent, context.TimeProvider);
        }

        return client;
    }

    /// <summary>Wraps an embedding generator (no cache and no fallback: vectors of different models are not comparable).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> WrapEmbeddings(IEmbeddingGenerator<string, Embedding<float>> provider, AiPipelineContext context)
    {
        AiOpsOptions o = context.Options;
        AiPipelineResources resources = context.Factory.Resources;
        IEmbeddingGenerator<string, Embedding<float>> generator = new TimeoutEmbeddingGenerator(provider, new AiTimeoutOptions { Timeout = o.Timeout }, context.TimeProvider);
        if (o.CircuitBreakerEnabled)
        {
            generator = new CircuitBreakerEmbeddingGenerator(generator, resources.Breaker(context.Provider.Id, context.Endpoint));
        }

        generator = new RetryEmbeddingGenerator(generator, AiRetryOptions.From(o), context.TimeProvider, resources.Logger);
        if (o.TotalTimeout > TimeSpan.Zero)
        {
            generator = new TimeoutEmbeddingGenerator(generator, new AiTimeoutOptions { Timeout = o.TotalTimeout, SettingName = "AI_TOTAL_TIMEOUT" }, context.TimeProvider);
        }

        if (AiRateLimitOptions.From(o).IsEnabled)
        {
            generator = new RateLimitingEmbeddingGenerator(generator, resources.RateLimiter(context.Provider.Id, context.Endpoint));
        }

        generator = new CostEmbeddingGenerator(generator, new AiCostTracker(parent: resources.Costs), resources.Prices, resources.Logger, context.Provider.Id.Value);
        generator = new OpenTelemetryEmbeddingGenerator<string, Embedding<float>>(generator, Logger(context, AiOpsLoggerCategories.Telemetry), AiOpsTelemetry.SourceName);
        if (HasLogging(context))
        {
            generator = new AiOpsLoggingEmbeddingGenerator(generator, context.LoggerFactory.CreateLogger(AiOpsLoggerCategories.Embeddings), o.LogContent, context.TimeProvider);
        }

        return generator;
    }

    /// <summary>The resilience core every target gets, fallback targets included: total timeout → retry → circuit breaker → attempt timeout.</summary>
    internal static IChatClient WrapChatCore(IChatClient provider, AiPipelineContext context)
    {
        AiOpsOptions o = context.Options;
        AiPipelineResources resources = context.Factory.Resources;
        IChatClient client = new TimeoutChatClient(provider, new AiTimeoutOptions { Timeout = o.Timeout, StreamIdleTimeout = o.StreamIdleTimeout }, context.TimeProvider);
        if (o.CircuitBreakerEnabled)
        {
            client = new CircuitBreakerChatClient(client, resources.Breaker(context.Provider.Id, context.Endpoint));
        }

        if (o.MaxRetries > 0)
        {
            client = new RetryChatClient(client, AiRetryOptions.From(o), context.TimeProvider, resources.Logger);
        }

        if (o.TotalTimeout > TimeSpan.Zero)
        {
            client = new TimeoutChatClient(client, new AiTimeoutOptions { Timeout = o.TotalTimeout, SettingName = "AI_TOTAL_TIMEOUT" }, context.TimeProvider);
        }

        return client;
    }

    private static bool HasLogging(AiPipelineContext context) => context.LoggerFactory is not NullLoggerFactory;

    private static ILogger? Logger(AiPipelineContext context, string category) =>
        HasLogging(context) ? context.LoggerFactory.CreateLogger(category) : null;
}
