// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Options of the local embedding provider.</summary>
public sealed class LocalEmbeddingOptions
{
    /// <summary>Gets or sets the most token windows one model pass processes.</summary>
    /// <value>The default value is 32. Larger batches amortise the per-pass overhead; smaller ones make cancellation quicker
    /// and keep memory low (a pass holds about <c>batch × window × 384 × 4</c> bytes of activations per layer).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxBatchSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = LocalModelConstants.DefaultBatchSize;

    /// <summary>Gets or sets what happens to texts longer than the model's window.</summary>
    /// <value>The default value is <see cref="LongInputHandling.ChunkAndAverage"/>.</value>
    public LongInputHandling LongInputHandling { get; set; } = LongInputHandling.ChunkAndAverage;

    /// <summary>Creates a copy of these options.</summary>
    /// <returns>The copy.</returns>
    public LocalEmbeddingOptions Clone() => new() { MaxBatchSize = MaxBatchSize, LongInputHandling = LongInputHandling };
}
