// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Adds Microsoft.Extensions.AI's OpenTelemetry clients with the <c>AiOps</c> source name.</summary>
public static class TelemetryChatClientBuilderExtensions
{
    /// <summary>Emits GenAI semantic-convention spans and metrics (<c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>,
    /// time to first chunk) on the <c>AiOps</c> source, through Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">Logging for the telemetry client; <see langword="null"/> resolves it from services.</param>
    /// <param name="logContent">Whether messages are recorded on spans (otherwise Microsoft.Extensions.AI's default, from
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsTelemetry(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null, bool logContent = false)
    {
        _ = Throw.IfNull(builder);
        return builder.UseOpenTelemetry(loggerFactory, AiOpsTelemetry.SourceName, client =>
        {
            if (logContent)
            {
                client.EnableSensitiveData = true;
            }
        });
    }

    /// <summary>Emits GenAI semantic-convention spans and metrics for embeddings on the <c>AiOps</c> source.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">Logging for the telemetry client; <see langword="null"/> resolves it from services.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseAiOpsTelemetry(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, ILoggerFactory? loggerFactory = null)
    {
        _ = Throw.IfNull(builder);
        return builder.UseOpenTelemetry(loggerFactory, AiOpsTelemetry.SourceName);
    }
}
