// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

[CollectionDefinition(nameof(OfflineTests), DisableParallelization = true)]
public sealed class OfflineCollection
{
}

/// <summary>The model loads and runs with every proxy pointing at a loopback port that records connections, and with
/// socket and DNS telemetry watched: no network access is attempted.</summary>
[Collection(nameof(OfflineTests))]
public sealed class OfflineTests : IDisposable
{
    private static readonly string[] ProxyVariables = ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"];
    private readonly TcpListener _proxy = new(IPAddress.Loopback, 0);
    private readonly IWebProxy _previousProxy = HttpClient.DefaultProxy;
    private readonly ConcurrentDictionary<string, string?> _previousVariables = new();
    private int _proxyConnections;

    public OfflineTests()
    {
        _proxy.Start();
        _ = CountConnectionsAsync();
        string proxy = $"http://127.0.0.1:{((IPEndPoint)_proxy.LocalEndpoint).Port}";
        foreach (string name in ProxyVariables)
        {
            _previousVariables[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, proxy);
        }

        HttpClient.DefaultProxy = new WebProxy(proxy);
    }

    [Fact]
    public async Task Loading_the_model_and_embedding_attempt_no_network_access()
    {
        using var network = new NetworkListener();

        // A fresh model, not the shared one other tests may already have loaded: the load is where a download would happen.
        using MiniLmModel model = MiniLmModel.Load();
        using var generator = new LocalEmbeddingGenerator(null, null, () => model);
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["The disk on server web-01 is full", "Storage exhausted on web-01"]);

        Assert.Equal(2, result.Count);
        Assert.True(Vectors.Cosine(result[0], result[1]) > 0.7f);
        Assert.Equal(0, Volatile.Read(ref _proxyConnections));
        Assert.Empty(network.Events);
    }

    [Fact]
    public async Task The_listener_sees_a_connection_when_one_is_made()
    {
        // Proves the watchers above can fail: an HTTP call through the default proxy is seen by both.
        using var network = new NetworkListener();
        using var client = new HttpClient(new SocketsHttpHandler { Proxy = HttpClient.DefaultProxy, UseProxy = true });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("http://example.invalid/"), cts.Token));

        Assert.NotEmpty(network.Events);
        Assert.True(Volatile.Read(ref _proxyConnections) > 0);
    }

    public void Dispose()
    {
        HttpClient.DefaultProxy = _previousProxy;
        foreach ((string name, string? value) in _previousVariables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _proxy.Stop();
    }

    private async Task CountConnectionsAsync()
    {
        try
        {
            while (true)
            {
                using Socket socket = await _proxy.AcceptSocketAsync();
                Interlocked.Increment(ref _proxyConnections);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped.
        }
    }

    /// <summary>Records socket connects and DNS lookups made anywhere in the process.</summary>
    private sealed class NetworkListener : EventListener
    {
        public ConcurrentQueue<string> Events { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name is "System.Net.Sockets" or "System.Net.NameResolution" or "System.Net.Http")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is "ConnectStart" or "ResolutionStart" or "RequestStart")
            {
                Events.Enqueue($"{eventData.EventSource.Name}/{eventData.EventName}");
            }
        }
    }
}
