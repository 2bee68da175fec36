// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;

namespace AiOps;

/// <summary>The model seen by <see cref="LocalEmbeddingEngine"/>: a tokenizer and a pass that turns token windows into mean-pooled vectors.</summary>
/// <remarks>Implementations are thread-safe. <see cref="MiniLmModel"/> is the real one; tests wrap it to observe batches.</remarks>
internal interface ITokenWindowEncoder
{
    /// <summary>Gets the vector size.</summary>
    int Dimensions { get; }

    /// <summary>Gets the window in word pieces, the two markers included.</summary>
    int MaxSequenceLength { get; }

    /// <summary>Gets the id of the [CLS] marker that starts a window.</summary>
    int ClassificationTokenId { get; }

    /// <summary>Gets the id of the [SEP] marker that ends a window.</summary>
    int SeparatorTokenId { get; }

    /// <summary>Splits a text into word-piece ids, without markers.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokens">Stop after this many ids (for truncation), or <see langword="null"/> for all of them.</param>
    /// <returns>The ids.</returns>
    IReadOnlyList<int> Tokenize(string text, int? maxTokens);

    /// <summary>Runs one model pass over a batch of windows.</summary>
    /// <param name="windows">The windows, each starting with [CLS] and ending with [SEP], at most <see cref="MaxSequenceLength"/> long.</param>
    /// <param name="destination">Receives, for window <c>i</c>, the mean of its token vectors at <c>[i × Dimensions, (i + 1) × Dimensions)</c> (not normalised).</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    void EncodeBatch(IReadOnlyList<int[]> windows, Span<float> destination, CancellationToken cancellationToken);
}
