// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Adds <see cref="RateLimitingChatClient"/> and <see cref="RateLimitingEmbeddingGenerator"/> to pipelines.</summary>
public static class RateLimitingChatClientBuilderExtensions
{
    /// <summary>Makes chat calls wait for <paramref name="limiter"/> (share one limiter among every client of an endpoint; its owner disposes it).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="limiter">The limiter.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsRateLimiting(this ChatClientBuilder builder, AiRateLimiter limiter)
    {
        _ = Throw.IfNull(builder);
        _ = Throw.IfNull(limiter);
        return builder.Use(inner => new RateLimitingChatClient(inner, limiter));
    }

    /// <summary>Makes embedding calls wait for <paramref name="limiter"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="limiter">The limiter.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsRateLimiting(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, AiRateLimiter limiter)
    {
        _ = Throw.IfNull(builder);
        _ = Throw.IfNull(limiter);
        return builder.Use(inner => new RateLimitingEmbeddingGenerator(inner, limiter));
    }
}
