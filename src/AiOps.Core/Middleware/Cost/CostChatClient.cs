// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Prices every chat answer from the usage the provider reported and keeps running totals in an <see cref="AiCostTracker"/>.</summary>
/// <remarks>
/// <para>The cost (US dollars, <see cref="decimal"/>) is set in <see cref="AiResponseProperties.Cost"/> on the response, and on the
/// stream update that carries the usage (the last one for every AiOps provider). Cached input, cache writes and reasoning tokens are
/// priced at their own rates (<see cref="AiModelPrice"/>). A cache hit costs 0. A model the <see cref="AiPriceTable"/> does not know
/// gets no cost (and counts in <see cref="AiCostTracker.UnpricedCalls"/>). Totals are kept per tag (<see cref="AiRequestProperties.Tag"/>)
/// and per model.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class CostChatClient : DelegatingChatClient
{
    private readonly string _provider;

    /// <summary>Initializes a new instance of the <see cref="CostChatClient"/> class.</summary>
    /// <param name="innerClient">The client whose answers are priced.</param>
    /// <param name="tracker">The running totals; <see langword="null"/> creates one.</param>
    /// <param name="prices">The prices; <see langword="null"/> uses <see cref="AiPriceTable.Default"/>.</param>
    /// <param name="provider">The provider id used for prices and tags; <see langword="null"/> reads it from the client's metadata.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public CostChatClient(IChatClient innerClient, AiCostTracker? tracker = null, AiPriceTable? prices = null, string? provider = null)
        : base(innerClient)
    {
        Tracker = tracker ?? new AiCostTracker();
        Prices = prices ?? AiPriceTable.Default;
        _provider = provider ?? ProviderNames.Of(innerClient);
    }

    /// <summary>Gets the running totals.</summary>
    public AiCostTracker Tracker { get; }

    /// <summary>Gets the prices.</summary>
    public AiPriceTable Prices { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken);
        decimal? cost = CostAccounting.Account(Prices, Tracker, _provider, response.AdditionalProperties, response.ModelId, options?.ModelId, CostAccounting.TagOf(options?.AdditionalProperties), response.Usage);
        if (cost is decimal c)
        {
            ResponseAnnotations.Set(response, AiResponseProperties.Cost, c);
        }

        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AdditionalPropertiesDictionary? firstProperties = null;
        bool first = true;
        UsageDetails? usage = null;
        string? model = null;
        string? tag = CostAccounting.TagOf(options?.AdditionalProperties);
        try
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                if (first)
                {
                    firstProperties = update.AdditionalProperties;
                    first = false;
                }

                model = update.ModelId ?? model;
                bool hasUsage = false;
                foreach (AIContent content in update.Contents)
                {
                    if (content is UsageContent u)
                    {
                        (usage ??= new()).Add(u.Details);
                        hasUsage = true;
                    }
                }

                if (hasUsage && !ResponseAnnotations.IsTrue(firstProperties, AiResponseProperties.CacheHit) &&
                    Prices.ComputeCost(ResponseAnnotations.GetString(firstProperties, AiResponseProperties.Provider) ?? _provider, model, options?.ModelId, usage) is decimal running)
                {
                    ResponseAnnotations.Set(update, AiResponseProperties.Cost, running);
                }

                yield return update;
            }

        }
        finally
        {
            // A stream that failed or was abandoned still cost what the provider reported so far.
            if (!first)
            {
                _ = CostAccounting.Account(Prices, Tracker, _provider, firstProperties, model, options?.ModelId, tag, usage);
            }
        }
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(AiCostTracker) ? Tracker :
        serviceKey is null && serviceType == typeof(AiPriceTable) ? Prices :
        base.GetService(serviceType, serviceKey);
}
