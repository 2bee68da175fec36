// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;

namespace AiOps.PowerShell.Engine;

/// <summary>The module's session defaults: process-wide for as long as the module is imported (cleared by <c>Remove-Module</c>).</summary>
/// <remarks>This type is thread-safe; every member takes the same lock.</remarks>
internal static class SessionState
{
    private static readonly object Gate = new();
    private static readonly Dictionary<AiProviderId, ProviderDefaults> PerProvider = [];
    private static AiProviderId? _defaultProvider;
    private static int? _timeoutSec;
    private static int? _maxRetries;
    private static Uri? _proxy;
    private static NetworkCredential? _proxyCredential;
    private static bool? _proxyUseDefaultCredentials;
    private static bool? _noProxy;

    /// <summary>Stores defaults. Provider-specific values go to <paramref name="provider"/>.</summary>
    public static void Set(AiProviderId provider, DefaultsData data, bool makeDefault)
    {
        lock (Gate)
        {
            if (makeDefault)
            {
                _defaultProvider = provider;
            }

            if (!PerProvider.TryGetValue(provider, out ProviderDefaults? p))
            {
                p = new ProviderDefaults();
                PerProvider[provider] = p;
            }

            p.Model = data.Model ?? p.Model;
            p.EmbeddingModel = data.EmbeddingModel ?? p.EmbeddingModel;
            p.ApiKey = data.ApiKey ?? p.ApiKey;
            p.BaseUri = data.BaseUri ?? p.BaseUri;
            p.ApiVersion = data.ApiVersion ?? p.ApiVersion;
            foreach (KeyValuePair<string, string> h in data.Headers)
            {
                p.Headers[h.Key] = h.Value;
            }

            _timeoutSec = data.TimeoutSec ?? _timeoutSec;
            _maxRetries = data.MaxRetries ?? _maxRetries;
            _proxy = data.Proxy ?? _proxy;
            _proxyCredential = data.ProxyCredential ?? _proxyCredential;
            _proxyUseDefaultCredentials = data.ProxyUseDefaultCredentials ?? _proxyUseDefaultCredentials;
            _noProxy = data.NoProxy ?? _noProxy;
        }
    }

    /// <summary>Forgets every default, or those of one provider.</summary>
    public static void Clear(AiProviderId? provider)
    {
        lock (Gate)
        {
            if (provider is AiProviderId id)
            {
                _ = PerProvider.Remove(id);
                if (_defaultProvider == id)
                {
                    _defaultProvider = null;
                }

                return;
            }

            PerProvider.Clear();
            _defaultProvider = null;
            _timeoutSec = null;
            _maxRetries = null;
            _proxy = null;
            _proxyCredential = null;
            _proxyUseDefaultCredentials = null;
            _noProxy = null;
        }
    }

    /// <summary>Gets the default provider set in this session, if any.</summary>
    public static AiProviderId? DefaultProvider
    {
        get
        {
            lock (Gate)
            {
                return _defaultProvider;
            }
        }
    }

    /// <summary>Gets the providers that have session defaults.</summary>
    public static IReadOnlyList<AiProviderId> ProvidersWithDefaults()
    {
        lock (Gate)
        {
            return [.. PerProvider.Keys];
        }
    }

    /// <summary>Gets the names of the values set for a provider (and the global ones).</summary>
    public static IReadOnlyList<string> SessionValueNames(AiProviderId provider)
    {
        lock (Gate)
        {
            var names = new List<string>();
            if (_defaultProvider == provider)
            {
                names.Add("Provider");
            }

            if (PerProvider.TryGetValue(provider, out ProviderDefaults? p))
            {
                names.AddRange(p.Names());
            }

            if (_timeoutSec is not null)
            {
                names.Add("TimeoutSec");
            }

            if (_maxRetries is not null)
            {
                names.Add("MaxRetries");
            }

            if (_proxy is not null || _noProxy is not null || _proxyCredential is not null || _proxyUseDefaultCredentials is not null)
            {
                names.Add("Proxy");
            }

            return names;
        }
    }

    /// <summary>Applies the session defaults over options read from the environment.</summary>
    public static void ApplyTo(AiOpsOptions options)
    {
        lock (Gate)
        {
            if (_defaultProvider is AiProviderId provider)
            {
                options.DefaultProvider = provider;
            }

            foreach (KeyValuePair<AiProviderId, ProviderDefaults> entry in PerProvider)
            {
                AiProviderSettings s = options.GetProvider(entry.Key);
                ProviderDefaults p = entry.Value;
                if (p.ApiKey is not null)
                {
                    s.ApiKey = p.ApiKey;
                    s.ApiKeySource = "Set-AiDefault";
                }

                s.BaseUrl = p.BaseUri ?? s.BaseUrl;
                s.DefaultModel = p.Model ?? s.DefaultModel;
                s.DefaultEmbeddingModel = p.EmbeddingModel ?? s.DefaultEmbeddingModel;
                s.ApiVersion = p.ApiVersion ?? s.ApiVersion;
                foreach (KeyValuePair<string, string> h in p.Headers)
                {
                    s.Headers[h.Key] = h.Value;
                }
            }

            if (_timeoutSec is int timeout)
            {
                options.Timeout = TimeSpan.FromSeconds(timeout);
            }

            if (_maxRetries is int retries)
            {
                options.MaxRetries = retries;
            }

            ProxySettings.Apply(options, _proxy, _proxyCredential, _proxyUseDefaultCredentials ?? false, _noProxy ?? false);
        }
    }
}
