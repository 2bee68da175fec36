// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps;

/// <summary>Adds <see cref="TimeoutChatClient"/> and <see cref="TimeoutEmbeddingGenerator"/> to pipelines.</summary>
public static class TimeoutChatClientBuilderExtensions
{
    /// <summary>Bounds chat calls in time (see <see cref="TimeoutChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> resolves it from services.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsTimeout(this ChatClientBuilder builder, AiTimeoutOptions? options = null, TimeProvider? timeProvider = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) => new TimeoutChatClient(inner, options, timeProvider ?? services.GetService<TimeProvider>()));
    }

    /// <summary>Bounds embedding calls in time.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The limit; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> resolves it from services.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsTimeout(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, AiTimeoutOptions? options = null, TimeProvider? timeProvider = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) => new TimeoutEmbeddingGenerator(inner, options, timeProvider ?? services.GetService<TimeProvider>()));
    }
}
