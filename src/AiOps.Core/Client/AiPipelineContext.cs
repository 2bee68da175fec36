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
    AiClientFactory Factory);
