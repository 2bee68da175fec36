// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using AiOps.Gateway;
using AiOps.Gateway.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Functions.Tests;

/// <summary>The Functions app's service container, built with <see cref="FunctionsStartup"/> exactly as Program.cs does, without the
/// Functions host (which cannot run here); functions are then invoked directly with ASP.NET Core request objects and queue messages.</summary>
public sealed class FunctionsTestContainer : IDisposable
{
    public const string Key = "functions-test-key-123";

    private readonly ServiceProvider _services;

    public FunctionsTestContainer(ScriptedProvider provider, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = Key };
        foreach (KeyValuePair<string, string?> pair in settings ?? new Dictionary<string, string?>())
        {
            values[pair.Key] = pair.Value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(new AiProviderRegistry().Register(provider));
        services.AddSingleton(_ =>
        {
            AiOpsOptions options = AiOpsConfiguration.FromConfiguration(configuration);
            options.DefaultProvider = provider.Id;
            return options;
        });
        FunctionsStartup.ConfigureServices(services, configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        FunctionsStartup.Validate(_services);
        Http = new GatewayHttpFunctions(_services.GetRequiredService<AiOpsGatewayHandlers>());
        Queue = new BatchQueueFunctions(_services.GetRequiredService<BatchChunkProcessor>());
    }

    public IServiceProvider Services => _services;

    public GatewayHttpFunctions Http { get; }

    public BatchQueueFunctions Queue { get; }

    /// <summary>Builds the request the Functions worker would hand to a function.</summary>
    public HttpContext Request(string method, string path, string? body = null, string? key = Key)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("aiops-test.azurewebsites.net");
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        if (key is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + key;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    public static string ResponseText(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }

    public void Dispose() => _services.Dispose();
}
