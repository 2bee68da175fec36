// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Http;

namespace AiOps.PowerShell.Engine;

/// <summary>The .NET default proxy (environment variables and system settings) with credentials of our own.</summary>
internal sealed class DefaultProxyWithCredentials(ICredentials credentials) : IWebProxy
{
    /// <inheritdoc/>
    public ICredentials? Credentials { get; set; } = credentials;

    /// <inheritdoc/>
    public Uri? GetProxy(Uri destination) => HttpClient.DefaultProxy.GetProxy(destination);

    /// <inheritdoc/>
    public bool IsBypassed(Uri host) => HttpClient.DefaultProxy.IsBypassed(host);
}
