// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Makes embedding calls wait for an <see cref="AiRateLimiter"/>, as <see cref="RateLimitingChatClient"/> does for chat.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class RateLimitingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Initializes a new instance of the <see cref="RateLimitingEmbeddingGenerator"/> class sharing a limiter (not disposed with it).</summary>
    /// <param name="innerGenerator">The generator to limit.</param>
    /// <param name="limiter">The limiter.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public RateLimitingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, AiRateLimiter limiter)
        : base(innerGenerator)
    {
        Limiter = Throw.IfNull(limiter);
    }

    /// <summary>Gets the limiter.</summary>
    public AiRateLimiter Limiter { get; }

    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(values);
        IReadOnlyList<string> inputs = values as IReadOnlyList<string> ?? [.. values];
        int estimate = Limiter.CountsTokens ? TokenEstimator.EstimateTexts(inputs, options?.ModelId) : 0;
        using RateLimitPermit permit = await Limiter.AcquireAsync(estimate, cancellationToken);
        GeneratedEmbeddings<Embedding<float>> result = await base.GenerateAsync(inputs, options, cancellationToken);
        if (estimate > 0 && result.Usage?.InputTokenCount is long used)
        {
            Limiter.Correct(estimate, used);
        }

        return result;
    }
}
