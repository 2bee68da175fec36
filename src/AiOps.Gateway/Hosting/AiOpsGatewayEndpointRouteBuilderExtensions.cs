// Licensed under the MIT License.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Gateway;

/// <summary>Maps the gateway's routes (DESIGN.md "HTTP contract") on an ASP.NET Core app.</summary>
public static class AiOpsGatewayEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/api/v1/chat/completions</c>, <c>/api/v1/embeddings</c>, <c>/api/v1/models</c>, <c>/api/chat</c>, <c>/api/embeddings</c>,
    /// <c>/api/batches</c>, <c>/api/batches/{id}</c>, <c>/api/batches/{id}/results</c> and <c>/api/health</c>.</summary>
    /// <param name="endpoints">The app.</param>
    /// <returns>The app.</returns>
    /// <exception cref="AiException">The gateway configuration is invalid (for example no keys and anonymous access not allowed).</exception>
    public static IEndpointRouteBuilder MapAiOpsGateway(this IEndpointRouteBuilder endpoints)
    {
        _ = Throw.IfNull(endpoints);

        // Resolving the handlers validates the configuration now, so a misconfigured gateway fails at start-up, not on the first request.
        AiOpsGatewayHandlers h = endpoints.ServiceProvider.GetRequiredService<AiOpsGatewayHandlers>();
        endpoints.MapPost("/api/v1/chat/completions", new RequestDelegate(h.ChatCompletionsAsync));
        endpoints.MapPost("/api/v1/embeddings", new RequestDelegate(h.EmbeddingsAsync));
        endpoints.MapGet("/api/v1/models", new RequestDelegate(h.ModelsAsync));
        endpoints.MapPost("/api/chat", new RequestDelegate(h.NativeChatAsync));
        endpoints.MapPost("/api/embeddings", new RequestDelegate(h.NativeEmbeddingsAsync));
        endpoints.MapPost("/api/batches", new RequestDelegate(h.SubmitBatchAsync));
        endpoints.MapGet("/api/batches/{id}", new RequestDelegate(h.GetBatchAsync));
        endpoints.MapGet("/api/batches/{id}/results", new RequestDelegate(h.GetBatchResultsAsync));
        endpoints.MapGet("/api/health", new RequestDelegate(h.HealthAsync));
        return endpoints;
    }
}
