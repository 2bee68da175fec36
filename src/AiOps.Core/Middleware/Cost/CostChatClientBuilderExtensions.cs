// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Adds <see cref="CostChatClient"/>, <see cref="BudgetChatClient"/> and <see cref="CostEmbeddingGenerator"/> to pipelines.</summary>
public static class CostChatClientBuilderExtensions
{
    /// <summary>Prices chat answers and keeps running totals (see <see cref="CostChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tracker">The totals; <see langword="null"/> creates one (read it with <c>GetService&lt;AiCostTracker&gt;()</c>).</param>
    /// <param name="prices">The prices; <see langword="null"/> uses <see cref="AiPriceTable.Default"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsCost(this ChatClientBuilder builder, AiCostTracker? tracker = null, AiPriceTable? prices = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use(inner => new CostChatClient(inner, tracker, prices));
    }

    /// <summary>Refuses chat calls whose estimate would pass <paramref name="tracker"/>'s budget (see <see cref="BudgetChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tracker">The totals with the budget (usually the one given to <see cref="UseAiOpsCost(ChatClientBuilder, AiCostTracker?, AiPriceTable?)"/>).</param>
    /// <param name="prices">The prices; <see langword="null"/> uses <see cref="AiPriceTable.Default"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsBudget(this ChatClientBuilder builder, AiCostTracker tracker, AiPriceTable? prices = null)
    {
        _ = Throw.IfNull(builder);
        _ = Throw.IfNull(tracker);
        return builder.Use((inner, services) => new BudgetChatClient(inner, tracker, prices, services.GetService<ILoggerFactory>()?.CreateLogger(AiOpsLoggerCategories.Resilience)));
    }

    /// <summary>Prices embedding calls, keeps running totals and applies the tracker's budget (see <see cref="CostEmbeddingGenerator"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tracker">The totals; <see langword="null"/> creates one.</param>
    /// <param name="prices">The prices; <see langword="null"/> uses <see cref="AiPriceTable.Default"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsCost(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, AiCostTracker? tracker = null, AiPriceTable? prices = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) => new CostEmbeddingGenerator(inner, tracker, prices, services.GetService<ILoggerFactory>()?.CreateLogger(AiOpsLoggerCategories.Resilience)));
    }
}
