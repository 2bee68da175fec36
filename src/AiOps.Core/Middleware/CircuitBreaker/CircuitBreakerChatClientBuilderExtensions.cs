// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Adds <see cref="CircuitBreakerChatClient"/> and <see cref="CircuitBreakerEmbeddingGenerator"/> to pipelines.</summary>
public static class CircuitBreakerChatClientBuilderExtensions
{
    /// <summary>Fails chat calls fast while <paramref name="breaker"/> is open (share one breaker among every client of an endpoint).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="breaker">The circuit.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsCircuitBreaker(this ChatClientBuilder builder, AiCircuitBreaker breaker)
    {
        _ = Throw.IfNull(builder);
        _ = Throw.IfNull(breaker);
        return builder.Use(inner => new CircuitBreakerChatClient(inner, breaker));
    }

    /// <summary>Fails embedding calls fast while <paramref name="breaker"/> is open.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="breaker">The circuit.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsCircuitBreaker(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, AiCircuitBreaker breaker)
    {
        _ = Throw.IfNull(builder);
        _ = Throw.IfNull(breaker);
        return builder.Use(inner => new CircuitBreakerEmbeddingGenerator(inner, breaker));
    }
}
