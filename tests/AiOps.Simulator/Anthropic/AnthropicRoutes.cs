// Licensed under the MIT License.

using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.Anthropic;

/// <summary>Anthropic Messages: <c>POST /v1/messages</c> (JSON or SSE with <c>"stream": true</c>). Anthropic has no embeddings route.</summary>
internal static class AnthropicRoutes
{
    public static void Map(WebApplication app, SimulatorState state)
    {
        var dialect = new AnthropicDialect();
        app.MapPost("/v1/messages", (HttpContext c) => MessagesAsync(c, state, dialect));
    }

    private static async Task MessagesAsync(HttpContext context, SimulatorState state, AnthropicDialect dialect)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            await dialect.WriteErrorAsync(context, new SimError(400, "invalid", "There was an issue with the formatting of your request body."));
            return;
        }

        using (doc)
        {
            if (AnthropicRequestChecks.Check(context.Request, doc.RootElement) is string problem)
            {
                await dialect.WriteErrorAsync(context, new SimError(400, "invalid", problem));
                return;
            }

            await ScenarioRunner.RunChatAsync(context, state, dialect, AnthropicRequestReader.Read(doc.RootElement));
        }
    }
}
