// Licensed under the MIT License.

using System;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>What middleware needs to know about the client it wraps.</summary>
internal sealed record AiPipelineContext(
    AiProvider Provider,
    AiProviderSettings Settings,
    AiOpsOptions Options,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory,
    AiClientFactory Factory)
{
    /// <summary>Gets the provider endpoint (configured base URL, else the provider's default) that keys breakers and limiters.</summary>
    public Uri? Endpoint => Settings.BaseUrl ?? Provider.DefaultBaseUrl;
}
