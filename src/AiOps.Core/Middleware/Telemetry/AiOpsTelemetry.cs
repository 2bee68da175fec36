// Licensed under the MIT License.

using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace AiOps;

/// <summary>The names and instruments AiOps emits through <see cref="System.Diagnostics"/>: the <c>AiOps</c> <see cref="Meter"/> and
/// <see cref="ActivitySource"/> (listen with OpenTelemetry's <c>AddMeter("AiOps")</c> / <c>AddSource("AiOps")</c>).</summary>
/// <remarks>The GenAI semantic-convention instruments (<c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>,
/// <c>gen_ai.client.operation.time_to_first_chunk</c>) and the <c>chat</c>/<c>embeddings</c> spans come from Microsoft.Extensions.AI's
/// OpenTelemetry clients, created with the same source name. The counters here add what resilience, caching and cost do.</remarks>
public static class AiOpsTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string SourceName = "AiOps";

    /// <summary>Counter of retries (tags <c>gen_ai.provider.name</c>, <c>error.type</c>).</summary>
    public const string RetriesName = "aiops.client.retries";

    /// <summary>Counter of circuit-breaker state changes (tags <c>gen_ai.provider.name</c>, <c>server.address</c>, <c>aiops.circuit.state</c> = open, half_open, closed).</summary>
    public const string CircuitStateChangesName = "aiops.client.circuit_breaker.state_changes";

    /// <summary>Up-down counter of circuits currently open or half-open (tags <c>gen_ai.provider.name</c>, <c>server.address</c>).</summary>
    public const string CircuitsOpenName = "aiops.client.circuit_breaker.open";

    /// <summary>Counter of calls refused by an open circuit.</summary>
    public const string CircuitRejectionsName = "aiops.client.circuit_breaker.rejections";

    /// <summary>Counter of cache hits (tags <c>gen_ai.provider.name</c>, <c>gen_ai.request.model</c>).</summary>
    public const string CacheHitsName = "aiops.client.cache.hits";

    /// <summary>Counter of cache misses.</summary>
    public const string CacheMissesName = "aiops.client.cache.misses";

    /// <summary>Counter of fallbacks (tags <c>aiops.fallback.from</c>, <c>aiops.fallback.to</c>, <c>error.type</c>).</summary>
    public const string FallbacksName = "aiops.client.fallbacks";

    /// <summary>Counter of cost in US dollars (tags <c>gen_ai.provider.name</c>, <c>gen_ai.response.model</c>, <c>aiops.tag</c>).</summary>
    public const string CostName = "aiops.client.cost";

    /// <summary>Counter of calls refused because the rate-limit queue was full.</summary>
    public const string RateLimitRejectionsName = "aiops.client.rate_limit.rejections";

    /// <summary>Histogram of the time calls waited for the client-side rate, token and concurrency limits, in seconds.</summary>
    public const string RateLimitWaitName = "aiops.client.rate_limit.wait";

    /// <summary>Counter of calls refused by the budget.</summary>
    public const string BudgetRejectionsName = "aiops.client.budget.rejections";

    /// <summary>Makes a metric tag.</summary>
    internal static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private static readonly string s_version =
        typeof(AiOpsTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    /// <summary>Gets the meter for the AiOps counters.</summary>
    internal static Meter Meter { get; } = new(SourceName, s_version);

    /// <summary>Gets the activity source (events and tags on the GenAI span, which Microsoft.Extensions.AI starts).</summary>
    internal static ActivitySource ActivitySource { get; } = new(SourceName, s_version);

    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>(RetriesName, "{retry}", "Retries of failed provider calls.");

    internal static Counter<long> CircuitStateChanges { get; } = Meter.CreateCounter<long>(CircuitStateChangesName, "{change}", "Circuit-breaker state changes.");

    internal static UpDownCounter<long> CircuitsOpen { get; } = Meter.CreateUpDownCounter<long>(CircuitsOpenName, "{circuit}", "Circuits currently open or half-open.");

    internal static Counter<long> CircuitRejections { get; } = Meter.CreateCounter<long>(CircuitRejectionsName, "{call}", "Calls refused by an open circuit.");

    internal static Counter<long> CacheHits { get; } = Meter.CreateCounter<long>(CacheHitsName, "{call}", "Calls answered from the response cache.");

    internal static Counter<long> CacheMisses { get; } = Meter.CreateCounter<long>(CacheMissesName, "{call}", "Cacheable calls the response cache could not answer.");

    internal static Counter<long> Fallbacks { get; } = Meter.CreateCounter<long>(FallbacksName, "{fallback}", "Calls moved to the next target.");

    internal static Counter<double> Cost { get; } = Meter.CreateCounter<double>(CostName, "USD", "Cost of provider calls at list prices.");

    internal static Counter<long> RateLimitRejections { get; } = Meter.CreateCounter<long>(RateLimitRejectionsName, "{call}", "Calls refused because the client-side rate-limit queue was full.");

    internal static Histogram<double> RateLimitWait { get; } = Meter.CreateHistogram<double>(RateLimitWaitName, "s", "Time calls waited for client-side limits.");

    internal static Counter<long> BudgetRejections { get; } = Meter.CreateCounter<long>(BudgetRejectionsName, "{call}", "Calls refused because the budget would be exceeded.");
}
