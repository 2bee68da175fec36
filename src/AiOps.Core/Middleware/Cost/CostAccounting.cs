// Licensed under the MIT License.

using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Prices one call, records it in the tracker and the metrics, and tags the span.</summary>
internal static class CostAccounting
{
    /// <summary>Computes and records the cost of one answer; returns it (0 for a cache hit, <see langword="null"/> when unknown).</summary>
    public static decimal? Account(AiPriceTable prices, AiCostTracker tracker, string defaultProvider, AdditionalPropertiesDictionary? answer, string? responseModel, string? requestModel, string? tag, UsageDetails? usage)
    {
        string provider = ResponseAnnotations.GetString(answer, AiResponseProperties.Provider) ?? defaultProvider;
        bool cacheHit = ResponseAnnotations.IsTrue(answer, AiResponseProperties.CacheHit);
        decimal? cost = cacheHit ? 0m : prices.ComputeCost(provider, responseModel, requestModel, usage);
        string? model = responseModel ?? requestModel;
        tracker.Record(provider, model, tag, cacheHit ? null : usage, cost);
        if (cost is decimal c)
        {
            if (c > 0)
            {
                AiOpsTelemetry.Cost.Add(
                    (double)c,
                    AiOpsTelemetry.Tag("gen_ai.provider.name", provider),
                    AiOpsTelemetry.Tag("gen_ai.response.model", model),
                    AiOpsTelemetry.Tag("aiops.tag", tag));
            }

            _ = Activity.Current?.SetTag("aiops.cost_usd", (double)c);
        }

        return cost;
    }

    /// <summary>Gets the call's tag (<see cref="AiRequestProperties.Tag"/>).</summary>
    public static string? TagOf(AdditionalPropertiesDictionary? properties) => ResponseAnnotations.GetString(properties, AiRequestProperties.Tag);

    /// <summary>Estimates a chat call's cost before it is sent: the prompt (estimated tokens) plus the output limit, when one is set.</summary>
    public static decimal EstimateChat(AiPriceTable prices, string provider, System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (!prices.TryGetPrice(provider, options?.ModelId, out AiModelPrice? price))
        {
            return 0m;
        }

        int input = TokenEstimator.EstimateChat(messages, options?.ModelId);
        return AiPriceTable.Compute(price, input, 0, 0, options?.MaxOutputTokens ?? 0, 0) ?? 0m;
    }
}
