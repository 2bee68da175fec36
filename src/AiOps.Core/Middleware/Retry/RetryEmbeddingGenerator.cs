// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Retries failed embedding calls, exactly as <see cref="RetryChatClient"/> retries chat calls.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class RetryEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly RetryEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="RetryEmbeddingGenerator"/> class.</summary>
    /// <param name="innerGenerator">The generator to retry.</param>
    /// <param name="options">The retry settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for the delays.</param>
    /// <param name="logger">Where retries are logged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerGenerator"/> is <see langword="null"/>.</exception>
    public RetryEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, AiRetryOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        : base(innerGenerator)
    {
        _engine = new RetryEngine(options ?? new AiRetryOptions(), ProviderNames.Of(innerGenerator), "embeddings", timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(values);

        // Materialize once: a lazy sequence must not be enumerated again by each attempt.
        IReadOnlyList<string> inputs = values as IReadOnlyList<string> ?? [.. values];
        (GeneratedEmbeddings<Embedding<float>> result, int attempts) = await _engine.ExecuteAsync(
            static async (s, ct) => await s.Generator.InnerGenerator.GenerateAsync(s.Inputs, s.Options, ct),
            new CallState(this, inputs, options),
            cancellationToken);
        ResponseAnnotations.Set(result, AiResponseProperties.Attempts, attempts);
        return result;
    }

    private sealed record CallState(RetryEmbeddingGenerator Generator, IReadOnlyList<string> Inputs, EmbeddingGenerationOptions? Options);
}
