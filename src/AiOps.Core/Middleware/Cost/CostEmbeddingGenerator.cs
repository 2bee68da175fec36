// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Prices embedding calls and keeps running totals (as <see cref="CostChatClient"/>), and refuses a call whose estimate would pass
/// the tracker's budget (as <see cref="BudgetChatClient"/>).</summary>
/// <remarks>The cost is set in <see cref="AiResponseProperties.Cost"/> on the generated embeddings. This type is thread-safe.</remarks>
public sealed class CostEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _provider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="CostEmbeddingGenerator"/> class.</summary>
    /// <param name="innerGenerator">The generator whose calls are priced.</param>
    /// <param name="tracker">The running totals; <see langword="null"/> creates one.</param>
    /// <param name="prices">The prices; <see langword="null"/> uses <see cref="AiPriceTable.Default"/>.</param>
    /// <param name="logger">Where budget refusals are logged.</param>
    /// <param name="provider">The provider id used for prices and tags; <see langword="null"/> reads it from the client's metadata.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerGenerator"/> is <see langword="null"/>.</exception>
    public CostEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, AiCostTracker? tracker = null, AiPriceTable? prices = null, ILogger? logger = null, string? provider = null)
        : base(innerGenerator)
    {
        Tracker = tracker ?? new AiCostTracker();
        Prices = prices ?? AiPriceTable.Default;
        _provider = provider ?? ProviderNames.Of(innerGenerator);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the running totals.</summary>
    public AiCostTracker Tracker { get; }

    /// <summary>Gets the prices.</summary>
    public AiPriceTable Prices { get; }

    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(values);
        IReadOnlyList<string> inputs = values as IReadOnlyList<string> ?? [.. values];
        decimal estimate = 0m;
        if (Tracker.HasBudget)
        {
            if (Prices.TryGetPrice(_provider, options?.ModelId, out AiModelPrice? price))
            {
                estimate = AiPriceTable.Compute(price, TokenEstimator.EstimateTexts(inputs, options?.ModelId), 0, 0, 0, 0) ?? 0m;
            }

            if (Tracker.TryReserve(estimate) is AiCostTracker refused)
            {
                throw BudgetChatClient.Refused(refused, estimate, options?.ModelId, _provider, _logger);
            }
        }

        GeneratedEmbeddings<Embedding<float>> result;
        try
        {
            result = await base.GenerateAsync(inputs, options, cancellationToken);
        }
        finally
        {
            if (Tracker.HasBudget)
            {
                Tracker.Release(estimate);
            }
        }

        string? model = result.Count > 0 ? result[0].ModelId : null;
        UsageDetails? usage = result.Usage;
        decimal? cost = CostAccounting.Account(Prices, Tracker, _provider, result.AdditionalProperties, model, options?.ModelId, CostAccounting.TagOf(options?.AdditionalProperties), usage);
        if (cost is decimal c)
        {
            ResponseAnnotations.Set(result, AiResponseProperties.Cost, c);
        }

        return result;
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(AiCostTracker) ? Tracker : base.GetService(serviceType, serviceKey);
}
