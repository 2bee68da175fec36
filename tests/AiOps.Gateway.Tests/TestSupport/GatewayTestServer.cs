// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Gateway.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace AiOps.Gateway.Tests;

/// <summary>The real local host (<see cref="GatewayHost.Build"/>) on a free 127.0.0.1 port, configured through settings as an operator would.</summary>
public sealed class GatewayTestServer : IAsyncDisposable
{
    public const string Key = "gw-test-key-0123456789";

    private readonly WebApplication _app;

    private GatewayTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    /// <summary>Gets the OpenAI-compatible base URL (<c>…/api/v1</c>) an SDK is pointed at.</summary>
    public Uri OpenAIEndpoint => new(BaseAddress, "/api/v1");

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the host.</summary>
    /// <param name="settings">Configuration as flat names and <c>AiOps:…</c> keys (what app settings would hold).</param>
    /// <param name="providers">Providers to register (in addition to the built-in ones).</param>
    /// <param name="configureAi">Adjusts the AiOps options (for example the default provider of a scripted registry).</param>
    /// <param name="services">Extra registrations.</param>
    public static async Task<GatewayTestServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        IEnumerable<AiProvider>? providers = null,
        Action<AiOpsOptions>? configureAi = null,
        Action<IServiceCollection>? services = null)
    {
        settings ??= new Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = Key };
        var args = new List<string> { "--urls", "http://127.0.0.1:0" };
        foreach (KeyValuePair<string, string?> setting in settings)
        {
            args.Add($"--{setting.Key}={setting.Value}");
        }

        IConfiguration aiConfiguration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        WebApplication app = GatewayHost.Build([.. args], s =>
        {
            s.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Warning));
            AiProviderRegistry registry = AiProviderRegistry.CreateDefault();
            foreach (AiProvider provider in providers ?? [])
            {
                registry.Register(provider);
            }

            s.AddSingleton(registry);
            s.AddSingleton(_ =>
            {
                AiOpsOptions options = AiOpsConfiguration.FromConfiguration(aiConfiguration);
                configureAi?.Invoke(options);
                options.Validate();
                return options;
            });
            services?.Invoke(s);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayTestServer(app, new Uri(address));
    }

    /// <summary>Starts a host with scripted providers <c>test</c> (the default) and <c>backup</c>, and one gateway key.</summary>
    public static Task<GatewayTestServer> StartScriptedAsync(ScriptedProvider test, ScriptedProvider? backup = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = Key };
        foreach (KeyValuePair<string, string?> pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        var providers = new List<AiProvider> { test };
        if (backup is not null)
        {
            providers.Add(backup);
        }

        return StartAsync(settings, providers, o =>
        {
            o.DefaultProvider = test.Id;
            foreach (AiProvider provider in providers)
            {
                _ = o.GetProvider(provider.Id);
            }
        });
    }

    public ChatClient Chat(string model, string key = Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = OpenAIEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    public EmbeddingClient Embeddings(string model, string key = Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = OpenAIEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    /// <summary>Sends a raw request with the gateway key.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, string? key = Key, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Http.SendAsync(request, completion, cancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
