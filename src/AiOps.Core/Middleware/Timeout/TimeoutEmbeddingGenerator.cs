// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Bounds embedding calls in time (Polly's timeout strategy); a call that runs out of time fails with <see cref="AiErrorKind.Timeout"/>.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class TimeoutEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly TimeoutEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="TimeoutEmbeddingGenerator"/> class.</summary>
    /// <param name="innerGenerator">The generator to bound.</param>
    /// <param name="options">The limit; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerGenerator"/> is <see langword="null"/>.</exception>
    public TimeoutEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, AiTimeoutOptions? options = null, TimeProvider? timeProvider = null)
        : base(innerGenerator)
    {
        _engine = new TimeoutEngine(options ?? new AiTimeoutOptions(), ProviderNames.Of(innerGenerator), timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        await _engine.ExecuteAsync(
            static async (s, ct) => await s.Generator.InnerGenerator.GenerateAsync(s.Values, s.Options, ct),
            (Generator: this, Values: values, Options: options),
            cancellationToken);
}
