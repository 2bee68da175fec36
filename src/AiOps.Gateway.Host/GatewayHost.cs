// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Gateway.Host;

/// <summary>Builds the local gateway host: Kestrel, configured like the Functions app (environment variables, section <c>AiOps</c>,
/// <c>appsettings.json</c>, command line), bound to <c>http://127.0.0.1:8080</c> unless <c>--urls</c> says otherwise.</summary>
public static class GatewayHost
{
    /// <summary>The address used when no <c>--urls</c> / <c>ASPNETCORE_URLS</c> is given: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Builds the app.</summary>
    /// <param name="args">Command-line arguments (<c>--urls http://127.0.0.1:5080</c>, <c>--AiOps:Models:fast=openai/gpt-4o-mini</c>, …).</param>
    /// <param name="configureServices">Extra service registrations (tests register providers or a clock here); applied before the gateway's.</param>
    /// <returns>The app, with every route mapped; call <c>RunAsync</c> or <c>StartAsync</c>.</returns>
    /// <exception cref="InvalidOperationException">Anonymous access is on and the host would listen beyond loopback.</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        string? urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddAiOpsGateway(builder.Configuration);
        builder.Services.AddAiOpsBatchWorker();

        WebApplication app = builder.Build();
        GatewayOptions options = app.Services.GetRequiredService<GatewayOptions>();
        List<string> remote = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (options.Keys.Count == 0 && remote.Count > 0)
        {
            throw new InvalidOperationException(
                $"The gateway has no keys (AIOPS_GATEWAY_ALLOW_ANONYMOUS=true) and would listen on {string.Join(", ", remote)}. " +
                "Anonymous access is for loopback development only: bind to 127.0.0.1, or set AIOPS_GATEWAY_KEYS.");
        }

        app.MapAiOpsGateway();
        return app;
    }

    /// <summary>Gets whether a listen URL is a loopback address (127.0.0.0/8, [::1] or localhost).</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri))
        {
            return false;
        }

        if (uri.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address);
    }
}
