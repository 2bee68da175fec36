// Licensed under the MIT License.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator;

/// <summary><c>GET /__requests</c> (recorded requests as JSON), <c>POST /__reset</c>, <c>GET /__health</c>.</summary>
internal static class ControlRoutes
{
    public static void Map(WebApplication app, SimulatorState state)
    {
        app.MapGet("/__requests", () => Results.Json(state.Requests));
        app.MapPost("/__reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
        app.MapGet("/__health", () => Results.Text("ok"));
        app.MapPost("/__gates/{name}", (string name) =>
        {
            state.OpenGate(name);
            return Results.NoContent();
        });
    }
}
