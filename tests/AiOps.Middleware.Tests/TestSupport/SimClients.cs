// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AiOps.Simulator;
using Microsoft.Extensions.Logging;

namespace AiOps.Middleware.Tests;

/// <summary>Builds factories whose real providers (AiOps's OpenAI and Anthropic clients) talk to the simulator, and reads what the
/// simulator received.</summary>
public static class SimClients
{
    public const string Key = "sk-test-SECRET-0123456789abcdef";

    public static AiClientFactory Factory(SimulatorFixture sim, AiOpsOptions options, TimeProvider? time = null, ILoggerFactory? logs = null, params string[] providers)
    {
        foreach (string id in providers.Length == 0 ? ["openai"] : providers)
        {
            var provider = new AiProviderId(id);
            AiProviderSettings s = options.GetProvider(provider);
            s.BaseUrl = provider == AiProviderId.OpenAI ? sim.OpenAIBase : sim.Host.BaseAddress; // each vendor's base URL convention
            s.ApiKey = Key;
        }

        return new AiClientFactory(options, AiProviderRegistry.CreateDefault(), time, logs);
    }

    /// <summary>The requests whose body names <paramref name="model"/>.</summary>
    public static IReadOnlyList<RecordedRequest> For(SimulatorHost host, string model) =>
        host.State.Requests.Where(r => ModelOf(r) == model).ToList();

    public static string? ModelOf(RecordedRequest request)
    {
        if (request.Body.Length == 0)
        {
            return null;
        }

        using JsonDocument doc = JsonDocument.Parse(request.Body);
        return doc.RootElement.TryGetProperty("model", out JsonElement m) ? m.GetString() : null;
    }

    public static string Unique(string scenario) => $"sim-{scenario}-u{Guid.NewGuid():N}";
}
