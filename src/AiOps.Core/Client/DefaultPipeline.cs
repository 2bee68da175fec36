// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Wraps a provider's clients in the default middleware (resilience, cost, cache, telemetry) as configured.</summary>
/// <remarks>Order, outermost first (DESIGN.md): logging → metrics/tracing → cost → cache → rate limit → fallback/routing →
/// total timeout → retry → circuit breaker → attempt timeout → provider.</remarks>
internal static class DefaultPipeline
{
    /// <summary>Wraps a chat client.</summary>
    public static IChatClient WrapChat(IChatClient provider, AiPipelineContext context)
    {
        _ = context;
        return provider;
    }

    /// <summary>Wraps an embedding generator.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> WrapEmbeddings(IEmbeddingGenerator<string, Embedding<float>> provider, AiPipelineContext context)
    {
        _ = context;
        return provider;
    }
}
