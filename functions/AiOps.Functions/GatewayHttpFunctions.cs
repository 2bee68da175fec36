// Licensed under the MIT License.

using System.Threading.Tasks;
using AiOps.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AiOps.Functions;

/// <summary>The gateway's HTTP routes as functions. Each one hands the worker's <see cref="HttpContext"/> to
/// <see cref="AiOpsGatewayHandlers"/>, which writes the whole response (SSE included) and does its own key auth —
/// hence <see cref="AuthorizationLevel.Anonymous"/>, so stock OpenAI SDKs work without a Functions key.</summary>
/// <remarks>Routes are relative to host.json's <c>routePrefix</c> (<c>api</c>), giving exactly DESIGN.md's paths.</remarks>
public sealed class GatewayHttpFunctions
{
    private readonly AiOpsGatewayHandlers _handlers;

    /// <summary>Initializes a new instance of the <see cref="GatewayHttpFunctions"/> class.</summary>
    /// <param name="handlers">The gateway handlers (a singleton).</param>
    public GatewayHttpFunctions(AiOpsGatewayHandlers handlers) => _handlers = handlers;

    /// <summary><c>POST /api/v1/chat/completions</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("ChatCompletions")]
    public Task<IActionResult> ChatCompletionsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/chat/completions")] HttpRequest request) =>
        Written(_handlers.ChatCompletionsAsync(request.HttpContext));

    /// <summary><c>POST /api/v1/embeddings</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("Embeddings")]
    public Task<IActionResult> EmbeddingsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/embeddings")] HttpRequest request) =>
        Written(_handlers.EmbeddingsAsync(request.HttpContext));

    /// <summary><c>GET /api/v1/models</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("Models")]
    public Task<IActionResult> ModelsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/models")] HttpRequest request) =>
        Written(_handlers.ModelsAsync(request.HttpContext));

    /// <summary><c>POST /api/chat</c> (native).</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("NativeChat")]
    public Task<IActionResult> NativeChatAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chat")] HttpRequest request) =>
        Written(_handlers.NativeChatAsync(request.HttpContext));

    /// <summary><c>POST /api/embeddings</c> (native).</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("NativeEmbeddings")]
    public Task<IActionResult> NativeEmbeddingsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "embeddings")] HttpRequest request) =>
        Written(_handlers.NativeEmbeddingsAsync(request.HttpContext));

    /// <summary><c>POST /api/batches</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("SubmitBatch")]
    public Task<IActionResult> SubmitBatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches")] HttpRequest request) =>
        Written(_handlers.SubmitBatchAsync(request.HttpContext));

    /// <summary><c>GET /api/batches/{id}</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The job id.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("GetBatch")]
    public Task<IActionResult> GetBatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}")] HttpRequest request, string id)
    {
        request.HttpContext.Request.RouteValues["id"] = id;
        return Written(_handlers.GetBatchAsync(request.HttpContext));
    }

    /// <summary><c>GET /api/batches/{id}/results</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The job id.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("GetBatchResults")]
    public Task<IActionResult> GetBatchResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/results")] HttpRequest request, string id)
    {
        request.HttpContext.Request.RouteValues["id"] = id;
        return Written(_handlers.GetBatchResultsAsync(request.HttpContext));
    }

    /// <summary><c>GET /api/health</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>An empty result: the handler has written the response.</returns>
    [Function("Health")]
    public Task<IActionResult> HealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        Written(_handlers.HealthAsync(request.HttpContext));

    private static async Task<IActionResult> Written(Task handled)
    {
        await handled.ConfigureAwait(false);
        return new EmptyResult();
    }
}
