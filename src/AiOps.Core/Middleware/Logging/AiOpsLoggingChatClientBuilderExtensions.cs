// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Adds <see cref="AiOpsLoggingChatClient"/> and <see cref="AiOpsLoggingEmbeddingGenerator"/> to pipelines.</summary>
public static class AiOpsLoggingChatClientBuilderExtensions
{
    /// <summary>Logs every chat call as one structured line (see <see cref="AiOpsLoggingChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> resolves it from services.</param>
    /// <param name="logContent">Whether prompts and answers are logged (off by default).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsLogging(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null, bool logContent = false)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) =>
        {
            ILoggerFactory factory = loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            return new AiOpsLoggingChatClient(inner, factory.CreateLogger(AiOpsLoggerCategories.Chat), logContent, services.GetService<TimeProvider>());
        });
    }

    /// <summary>Logs every embedding call as one structured line.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> resolves it from services.</param>
    /// <param name="logContent">Whether input texts are logged (off by default).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsLogging(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, ILoggerFactory? loggerFactory = null, bool logContent = false)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) =>
        {
            ILoggerFactory factory = loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            return new AiOpsLoggingEmbeddingGenerator(inner, factory.CreateLogger(AiOpsLoggerCategories.Embeddings), logContent, services.GetService<TimeProvider>());
        });
    }
}
