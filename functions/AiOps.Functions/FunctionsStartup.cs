// Licensed under the MIT License.

using System;
using AiOps.Gateway;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiOps.Functions;

/// <summary>The Functions app's service registrations, shared by Program.cs and the tests (which build the same container without the host).</summary>
public static class FunctionsStartup
{
    /// <summary>The activity sources and meters exported: AiOps's own and Microsoft.Extensions.AI's GenAI telemetry.</summary>
    public static readonly string[] TelemetrySources = ["AiOps", "AiOps.*", "Experimental.Microsoft.Extensions.AI"];

    /// <summary>Registers the gateway, the batch processor and telemetry.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">App settings (Key Vault references already resolved by the platform) and environment variables.</param>
    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // HttpClient logs every request at Information; keep the provider calls' noise out of Application Insights.
        services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));

        services.AddAiOpsGateway(configuration);
        AddTelemetry(services, configuration);
    }

    /// <summary>Resolves the handlers and the batch processor, which validates the configuration.</summary>
    /// <param name="services">The built service provider.</param>
    /// <exception cref="AiException">The configuration is invalid.</exception>
    public static void Validate(IServiceProvider services)
    {
        _ = services.GetRequiredService<AiOpsGatewayHandlers>();
        _ = services.GetRequiredService<BatchChunkProcessor>();
    }

    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        IOpenTelemetryBuilder otel = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(TelemetrySources))
            .WithMetrics(m => m.AddMeter(TelemetrySources));

        // Export to Application Insights when the app has a connection string (in Azure); locally nothing is exported.
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            TokenCredential? credential = AadCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
                if (credential is not null)
                {
                    o.Credential = credential;
                }
            });
        }
    }

    /// <summary>Reads <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=&lt;id&gt;;Authorization=AAD</c>): the component has
    /// local authentication off, so telemetry is sent with the app's managed identity.</summary>
    internal static TokenCredential? AadCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString) || !authenticationString.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (string part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("ClientId=", StringComparison.OrdinalIgnoreCase))
            {
                return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(part["ClientId=".Length..]));
            }
        }

        return new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
