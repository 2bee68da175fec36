// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell.Engine;

/// <summary>A client ready for one command, and what was decided to build it (for verbose output).</summary>
internal sealed record ResolvedClient(
    AiClient Client,
    AiProvider Provider,
    AiProviderSettings Settings,
    AiOpsOptions Options,
    string? Model,
    string? ApiKey)
{
    /// <summary>Gets the endpoint in use.</summary>
    public Uri? BaseUrl => Settings.BaseUrl ?? Provider.DefaultBaseUrl;

    /// <summary>Describes the connection for verbose output: provider, model, endpoint, key source (never the key).</summary>
    public string Describe(string what) =>
        $"{what}: provider {Provider.Id}, model {Model ?? "(provider default)"}, endpoint {BaseUrl?.ToString() ?? "(provider default)"}, " +
        $"key {KeyDescription.Describe(Settings)}, timeout {AiDuration.Format(Options.Timeout)}, retries {Options.MaxRetries}, proxy {ProxySettings.Describe(Options)}.";
}
