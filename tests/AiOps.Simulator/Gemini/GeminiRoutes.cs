// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.Gemini;

/// <summary>Gemini Developer API routes: <c>POST /v1beta/models/{model}:{action}</c> for <c>generateContent</c>,
/// <c>streamGenerateContent</c> (only with <c>?alt=sse</c>), <c>embedContent</c> and <c>batchEmbedContents</c> (at most 100 requests).</summary>
/// <remarks>ASP.NET Core routing treats ':' inside a template specially, so the route captures the whole last segment
/// (<c>gemini-2.5-flash:generateContent</c>) and splits it at the last ':'. A request without <c>x-goog-api-key</c> (or <c>?key=</c>)
/// gets Gemini's 403, like the real API.</remarks>
internal static class GeminiRoutes
{
    public static void Map(WebApplication app, SimulatorState state) =>
        app.MapPost("/v1beta/models/{target}", (HttpContext c, string target) => HandleAsync(c, state, target));

    private static async Task HandleAsync(HttpContext context, SimulatorState state, string target)
    {
        var errors = new GeminiDialect();
        int colon = target.LastIndexOf(':');
        string model = colon > 0 ? target[..colon] : target;
        string action = colon > 0 ? target[(colon + 1)..] : string.Empty;
        if (action is not ("generateContent" or "streamGenerateContent" or "embedContent" or "batchEmbedContents"))
        {
            await errors.WriteErrorAsync(context, new SimError(404, "not_found_route", $"Method not found: {action}."));
            return;
        }

        if (string.IsNullOrEmpty(context.Request.Headers["x-goog-api-key"]) && string.IsNullOrEmpty(context.Request.Query["key"]))
        {
            await errors.WriteErrorAsync(context, new SimError(403, "unregistered",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."));
            return;
        }

        JsonDocument? doc;
        try
        {
            doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            await errors.WriteErrorAsync(context, new SimError(400, "invalid", "Invalid JSON payload received. Unexpected token."));
            return;
        }

        using (doc)
        {
            JsonElement body = doc.RootElement;
            switch (action)
            {
                case "generateContent" or "streamGenerateContent":
                    bool stream = action == "streamGenerateContent";
                    if (stream && context.Request.Query["alt"] != "sse")
                    {
                        await errors.WriteErrorAsync(context, new SimError(400, "invalid", "The simulator streams only with ?alt=sse (server-sent events)."));
                        return;
                    }

                    SimRequest request = GeminiRequestReader.Read(body, model, stream, out bool includeThoughts, out string? invalid);
                    if (invalid is not null)
                    {
                        await errors.WriteErrorAsync(context, new SimError(400, "invalid", invalid));
                        return;
                    }

                    await ScenarioRunner.RunChatAsync(context, state, new GeminiDialect { IncludeThoughts = includeThoughts }, request);
                    return;
                default:
                    await EmbedAsync(context, state, errors, model, body, single: action == "embedContent");
                    return;
            }
        }
    }

    private static async Task EmbedAsync(HttpContext context, SimulatorState state, GeminiDialect dialect, string model, JsonElement body, bool single)
    {
        var entries = new List<JsonElement>();
        if (single)
        {
            entries.Add(body);
        }
        else if (body.TryGetProperty("requests", out JsonElement requests) && requests.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement r in requests.EnumerateArray())
            {
                entries.Add(r);
            }
        }

        if (entries.Count == 0)
        {
            await dialect.WriteErrorAsync(context, new SimError(400, "invalid", "* BatchEmbedContentsRequest.requests: requests is not specified\n"));
            return;
        }

        if (entries.Count > 100)
        {
            await dialect.WriteErrorAsync(context, new SimError(400, "invalid", "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n"));
            return;
        }

        var inputs = new List<string>(entries.Count);
        int? dimensions = null;
        for (int i = 0; i < entries.Count; i++)
        {
            JsonElement entry = entries[i];
            string prefix = single ? "EmbedContentRequest" : string.Create(CultureInfo.InvariantCulture, $"BatchEmbedContentsRequest.requests[{i}]");
            if (!single && !(entry.TryGetProperty("model", out JsonElement m) && m.GetString() == "models/" + model))
            {
                await dialect.WriteErrorAsync(context, new SimError(400, "invalid", $"* {prefix}.model: the model must be models/{model}, the model of the URL.\n"));
                return;
            }

            string text = string.Empty;
            if (entry.TryGetProperty("content", out JsonElement content) && content.TryGetProperty("parts", out JsonElement parts) && parts.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement part in parts.EnumerateArray())
                {
                    if (part.TryGetProperty("text", out JsonElement t))
                    {
                        text += t.GetString();
                    }
                }
            }

            if (text.Length == 0)
            {
                await dialect.WriteErrorAsync(context, new SimError(400, "invalid", $"* {prefix}.content: contents must not be empty\n"));
                return;
            }

            inputs.Add(text);
            if (entry.TryGetProperty("outputDimensionality", out JsonElement d) && d.ValueKind == JsonValueKind.Number)
            {
                dimensions = d.GetInt32();
            }
        }

        if (dimensions is < 1)
        {
            await dialect.WriteErrorAsync(context, new SimError(400, "invalid", "* EmbedContentRequest.output_dimensionality: must be positive\n"));
            return;
        }

        await ScenarioRunner.RunEmbeddingsAsync(context, state, dialect, model, inputs, dimensions, base64: false);
    }
}
