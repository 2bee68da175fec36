// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Fails embedding calls fast while the endpoint's <see cref="AiCircuitBreaker"/> is open, as <see cref="CircuitBreakerChatClient"/> does for chat.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class CircuitBreakerEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Initializes a new instance of the <see cref="CircuitBreakerEmbeddingGenerator"/> class.</summary>
    /// <param name="innerGenerator">The generator to guard.</param>
    /// <param name="breaker">The circuit, shared by every client of the same endpoint.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CircuitBreakerEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, AiCircuitBreaker breaker)
        : base(innerGenerator)
    {
        Breaker = Throw.IfNull(breaker);
    }

    /// <summary>Gets the circuit.</summary>
    public AiCircuitBreaker Breaker { get; }

    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        bool probe = Breaker.Enter();
        GeneratedEmbeddings<Embedding<float>> result;
        try
        {
            result = await base.GenerateAsync(values, options, cancellationToken);
        }
        catch (Exception ex)
        {
            Breaker.Record(probe, ResilienceClassifier.Health(ex), ex);
            throw;
        }

        Breaker.Record(probe, HealthSignal.Success);
        return result;
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(AiCircuitBreaker) ? Breaker : base.GetService(serviceType, serviceKey);
}
