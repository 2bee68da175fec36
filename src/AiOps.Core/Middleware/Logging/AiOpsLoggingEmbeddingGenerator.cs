// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Logs every embedding call as one structured line, as <see cref="AiOpsLoggingChatClient"/> does for chat.</summary>
/// <remarks>Input texts are logged (Debug) only when <see cref="LogContent"/> is on. This type is thread-safe.</remarks>
public sealed class AiOpsLoggingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _provider;

    /// <summary>Initializes a new instance of the <see cref="AiOpsLoggingEmbeddingGenerator"/> class.</summary>
    /// <param name="innerGenerator">The generator whose calls are logged.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="logContent">Whether input texts are logged.</param>
    /// <param name="timeProvider">The clock for durations.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public AiOpsLoggingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, ILogger logger, bool logContent = false, TimeProvider? timeProvider = null)
        : base(innerGenerator)
    {
        _logger = Throw.IfNull(logger);
        LogContent = logContent;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _provider = ProviderNames.Of(innerGenerator);
    }

    /// <summary>Gets a value indicating whether input texts are logged.</summary>
    public bool LogContent { get; }

    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(values);
        IReadOnlyList<string> inputs = values as IReadOnlyList<string> ?? [.. values];
        var log = new CallLogState(_logger, _timeProvider, "embeddings", _provider, options?.ModelId);
        if (LogContent)
        {
            log.Request(inputs);
        }

        GeneratedEmbeddings<Embedding<float>> result;
        try
        {
            result = await base.GenerateAsync(inputs, options, cancellationToken);
        }
        catch (Exception ex)
        {
            log.Failed(ex);
            throw;
        }

        log.Completed(result.AdditionalProperties, result.Count > 0 ? result[0].ModelId : null, result.Usage);
        return result;
    }
}
