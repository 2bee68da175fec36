// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace AiOps;

/// <summary>Owns the one pooled <see cref="SocketsHttpHandler"/> a client set shares, and the <see cref="HttpClient"/> over it.</summary>
/// <remarks>Connections are recycled every few minutes (<see cref="SocketsHttpHandler.PooledConnectionLifetime"/>) so DNS changes
/// are picked up. The .NET default proxy (<c>HTTPS_PROXY</c>, <c>NO_PROXY</c>) is honoured unless a proxy is given or proxies are off.
/// Timeouts are applied per call by AiOps, so <see cref="HttpClient.Timeout"/> is infinite.</remarks>
internal sealed class AiHttpClientFactory : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    /// <summary>Initializes a new instance of the <see cref="AiHttpClientFactory"/> class.</summary>
    public AiHttpClientFactory(IWebProxy? proxy = null, bool useProxy = true)
    {
        _handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseProxy = useProxy,
            AllowAutoRedirect = false,
            EnableMultipleHttp2Connections = true,
        };
        if (useProxy && proxy is not null)
        {
            _handler.Proxy = proxy;
        }

        Client = new HttpClient(_handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>Gets the AiOps version (informational, without the commit suffix).</summary>
    public static string Version { get; } =
        (typeof(AiHttpClientFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    // Declared after Version: static initializers run in order.
    /// <summary>Gets the User-Agent AiOps sends: <c>AiOps/&lt;version&gt; (.NET &lt;runtime&gt;)</c>.</summary>
    public static string UserAgent { get; } = $"AiOps/{Version} (.NET {Environment.Version})";

    /// <summary>Gets the shared client.</summary>
    public HttpClient Client { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
