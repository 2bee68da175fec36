// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Adds <see cref="RetryChatClient"/> and <see cref="RetryEmbeddingGenerator"/> to pipelines.</summary>
public static class RetryChatClientBuilderExtensions
{
    /// <summary>Retries failed chat calls (see <see cref="RetryChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The retry settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> resolves <see cref="TimeProvider"/> from services, else the system clock.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsRetry(this ChatClientBuilder builder, AiRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) => new RetryChatClient(
            inner,
            options,
            timeProvider ?? services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(AiOpsLoggerCategories.Resilience)));
    }

    /// <summary>Retries failed embedding calls (see <see cref="RetryEmbeddingGenerator"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The retry settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> resolves it from services.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsRetry(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, AiRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) => new RetryEmbeddingGenerator(
            inner,
            options,
            timeProvider ?? services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(AiOpsLoggerCategories.Resilience)));
    }
}
