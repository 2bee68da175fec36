// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.OpenAI;

/// <summary>OpenAI (<c>/v1/…</c>, also Ollama and other compatible servers) and Azure OpenAI
/// (<c>/openai/deployments/{deployment}/…?api-version=</c> and <c>/openai/v1/…</c>) routes.</summary>
internal static class OpenAIRoutes
{
    public static void Map(WebApplication app, SimulatorState state)
    {
        var openai = new OpenAIDialect(azure: false);
        var azure = new OpenAIDialect(azure: true);

        app.MapPost("/v1/chat/completions", (HttpContext c) => ChatAsync(c, state, openai, deployment: null));
        app.MapPost("/v1/embeddings", (HttpContext c) => EmbeddingsAsync(c, state, openai, deployment: null));
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "sim-text", @object = "model", owned_by = "aiops-simulator" } } }));

        app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext c, string deployment) =>
            RequireApiVersion(c) ?? ChatAsync(c, state, azure, deployment));
        app.MapPost("/openai/deployments/{deployment}/embeddings", (HttpContext c, string deployment) =>
            RequireApiVersion(c) ?? EmbeddingsAsync(c, state, azure, deployment));
        app.MapPost("/openai/v1/chat/completions", (HttpContext c) => ChatAsync(c, state, azure, deployment: null));
        app.MapPost("/openai/v1/embeddings", (HttpContext c) => EmbeddingsAsync(c, state, azure, deployment: null));
    }

    private static Task? RequireApiVersion(HttpContext context)
    {
        if (!string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            return null;
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}");
    }

    private static async Task ChatAsync(HttpContext context, SimulatorState state, OpenAIDialect dialect, string? deployment)
    {
        JsonDocument? doc = await ReadJsonAsync(context, dialect);
        if (doc is null)
        {
            return;
        }

        using (doc)
        {
            SimRequest request = OpenAIRequestReader.Read(doc.RootElement, deployment);
            await ScenarioRunner.RunChatAsync(context, state, dialect, request);
        }
    }

    private static async Task EmbeddingsAsync(HttpContext context, SimulatorState state, OpenAIDialect dialect, string? deployment)
    {
        JsonDocument? doc = await ReadJsonAsync(context, dialect);
        if (doc is null)
        {
            return;
        }

        using (doc)
        {
            JsonElement body = doc.RootElement;
            string model = deployment ?? (body.TryGetProperty("model", out JsonElement m) ? m.GetString() ?? "sim-embedding" : "sim-embedding");
            var inputs = new List<string>();
            if (body.TryGetProperty("input", out JsonElement input))
            {
                if (input.ValueKind == JsonValueKind.String)
                {
                    inputs.Add(input.GetString()!);
                }
                else if (input.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement i in input.EnumerateArray())
                    {
                        inputs.Add(i.GetString() ?? string.Empty);
                    }
                }
            }

            if (inputs.Count == 0 || inputs.Count > 2048 || inputs.Exists(string.IsNullOrEmpty))
            {
                await dialect.WriteErrorAsync(context, new SimError(400, "invalid", "'input' must be a non-empty string or an array of 1 to 2048 non-empty strings."));
                return;
            }

            int? dimensions = body.TryGetProperty("dimensions", out JsonElement d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : null;
            if (dimensions is < 1)
            {
                await dialect.WriteErrorAsync(context, new SimError(400, "invalid", $"{dimensions} is less than the minimum of 1 - 'dimensions'"));
                return;
            }

            bool base64 = body.TryGetProperty("encoding_format", out JsonElement ef) && ef.GetString() == "base64";
            await ScenarioRunner.RunEmbeddingsAsync(context, state, dialect, model, inputs, dimensions, base64);
        }
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context, OpenAIDialect dialect)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            await dialect.WriteErrorAsync(context, new SimError(400, "invalid", "We could not parse the JSON body of your request."));
            return null;
        }
    }
}
