// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AiOps.PowerShell.Engine;

/// <summary>Keeps one <see cref="AiClientFactory"/> per distinct configuration, so commands share HTTP connections, circuit breakers
/// and rate limiters, and a changed environment variable or session default takes effect at the next command.</summary>
/// <remarks>This type is thread-safe. At most <see cref="Capacity"/> configurations are kept; the oldest is disposed beyond that.</remarks>
internal static class FactoryCache
{
    /// <summary>How many configurations are kept.</summary>
    public const int Capacity = 16;

    private static readonly object Gate = new();
    private static readonly Dictionary<string, AiClientFactory> Factories = new(StringComparer.Ordinal);
    private static readonly LinkedList<string> Order = new();

    /// <summary>Gets the factory for these options, creating it on first use.</summary>
    public static AiClientFactory Get(AiOpsOptions options)
    {
        string key = Fingerprint(options);
        lock (Gate)
        {
            if (Factories.TryGetValue(key, out AiClientFactory? existing))
            {
                return existing;
            }

            var factory = new AiClientFactory(options, ClientResolver.Registry, loggerFactory: SinkLoggerFactory.Instance);
            Factories[key] = factory;
            _ = Order.AddLast(key);
            while (Order.Count > Capacity)
            {
                string oldest = Order.First!.Value;
                Order.RemoveFirst();
                if (Factories.Remove(oldest, out AiClientFactory? evicted))
                {
                    evicted.Dispose();
                }
            }

            return factory;
        }
    }

    /// <summary>Disposes every factory (module removal).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            foreach (AiClientFactory factory in Factories.Values)
            {
                factory.Dispose();
            }

            Factories.Clear();
            Order.Clear();
        }
    }

    /// <summary>Gets how many factories are cached (tests and diagnostics).</summary>
    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Factories.Count;
            }
        }
    }

    private static string Fingerprint(AiOpsOptions o)
    {
        // Secrets are hashed into the key and never kept as text here.
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{o.DefaultProvider}|{o.Timeout.Ticks}|{o.MaxRetries}|{o.RetryBackoff.Ticks}|{o.RetryMaxDelay.Ticks}|");
        sb.Append(CultureInfo.InvariantCulture, $"{o.CircuitBreakerEnabled}|{o.CircuitBreakerThreshold}|{o.CircuitBreakerDuration.Ticks}|{o.RateLimit}|{o.SecretCacheTtl.Ticks}|");
        sb.Append(o.UseProxy).Append('|').Append(DescribeProxy(o.Proxy)).Append('|');
        foreach (KeyValuePair<string, string> alias in o.ModelAliases)
        {
            sb.Append(alias.Key).Append('=').Append(alias.Value).Append(';');
        }

        var providers = new List<AiProviderId>(o.Providers.Keys);
        providers.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        foreach (AiProviderId id in providers)
        {
            AiProviderSettings s = o.Providers[id];
            sb.Append('[').Append(id.Value).Append('|').Append(s.ApiKey).Append('|').Append(s.ApiKeySource).Append('|').Append(s.BaseUrl)
              .Append('|').Append(s.DefaultModel).Append('|').Append(s.DefaultEmbeddingModel).Append('|').Append(s.ApiVersion)
              .Append('|').Append(s.Organization).Append('|').Append(s.Project).Append('|');
            var headers = new List<string>();
            foreach (KeyValuePair<string, string> h in s.Headers)
            {
                headers.Add(h.Key.ToLowerInvariant() + "=" + h.Value);
            }

            headers.Sort(StringComparer.Ordinal);
            sb.Append(string.Join(";", headers)).Append(']');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static string DescribeProxy(IWebProxy? proxy) => proxy switch
    {
        null => "default",
        WebProxy web => $"{web.Address}|{web.UseDefaultCredentials}|{CredentialKey(web.Credentials)}",
        DefaultProxyWithCredentials d => $"default+|{CredentialKey(d.Credentials)}",
        _ => proxy.GetHashCode().ToString(CultureInfo.InvariantCulture),
    };

    private static string CredentialKey(ICredentials? credentials) => credentials switch
    {
        null => "none",
        NetworkCredential n when ReferenceEquals(n, CredentialCache.DefaultCredentials) => "default",
        NetworkCredential n => $"{n.Domain}\\{n.UserName}:{n.Password}",
        _ => "custom",
    };
}
