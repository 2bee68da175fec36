// Licensed under the MIT License.

using System;
using System.Net;

namespace AiOps.PowerShell.Engine;

/// <summary>Turns the proxy parameters (<c>-Proxy</c>, <c>-ProxyCredential</c>, <c>-ProxyUseDefaultCredentials</c>, <c>-NoProxy</c>) into options.</summary>
internal static class ProxySettings
{
    /// <summary>Applies proxy choices; nothing given keeps the .NET default proxy (<c>HTTPS_PROXY</c>, <c>NO_PROXY</c>, system settings).</summary>
    public static void Apply(AiOpsOptions options, Uri? proxy, NetworkCredential? credential, bool useDefaultCredentials, bool noProxy)
    {
        if (noProxy)
        {
            options.UseProxy = false;
            options.Proxy = null;
            return;
        }

        ICredentials? credentials = credential ?? (useDefaultCredentials ? CredentialCache.DefaultCredentials : null);
        if (proxy is not null)
        {
            options.UseProxy = true;
            options.Proxy = new WebProxy(proxy) { Credentials = credentials, UseDefaultCredentials = useDefaultCredentials && credential is null };
        }
        else if (credentials is not null)
        {
            // Credentials for the .NET default proxy, without changing the process-wide HttpClient.DefaultProxy.
            options.UseProxy = true;
            options.Proxy = new DefaultProxyWithCredentials(credentials);
        }
    }

    /// <summary>Describes the proxy in effect, for <c>Get-AiDefault</c> and verbose output (never a password).</summary>
    public static string Describe(AiOpsOptions options) => !options.UseProxy
        ? "none"
        : options.Proxy switch
        {
            null => "system",
            WebProxy web => web.Address?.ToString() ?? "system",
            DefaultProxyWithCredentials => "system (with credentials)",
            _ => "custom",
        };
}
