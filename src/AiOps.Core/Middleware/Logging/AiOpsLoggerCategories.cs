// Licensed under the MIT License.

namespace AiOps;

/// <summary>The <c>ILogger</c> categories AiOps writes to (filter them in <c>Logging:LogLevel</c>).</summary>
public static class AiOpsLoggerCategories
{
    /// <summary>One line per chat call.</summary>
    public const string Chat = "AiOps.Chat";

    /// <summary>One line per embedding call.</summary>
    public const string Embeddings = "AiOps.Embeddings";

    /// <summary>Microsoft.Extensions.AI's OpenTelemetry clients (GenAI events).</summary>
    public const string Telemetry = "AiOps.Telemetry";

    /// <summary>Retries, circuit-breaker changes, fallbacks, rate-limit and budget refusals.</summary>
    public const string Resilience = "AiOps.Resilience";
}
