// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace AiOps.Tests;

/// <summary>The real model, with every model pass recorded (the window lengths of each batch) and an optional hook before each pass.</summary>
internal sealed class RecordingEncoder(ITokenWindowEncoder inner) : ITokenWindowEncoder
{
    private readonly ConcurrentQueue<int[]> _batches = new();

    public RecordingEncoder()
        : this(MiniLmModelHost.Get())
    {
    }

    /// <summary>Gets or sets a hook that runs before pass number N (0-based), with the token the pass was given.</summary>
    public Action<int, CancellationToken>? BeforePass { get; set; }

    /// <summary>Gets the window lengths of each pass, in order.</summary>
    public IReadOnlyList<int[]> Batches => _batches.ToArray();

    /// <summary>Gets the number of times the inner model threw <see cref="OperationCanceledException"/> from inside a pass.</summary>
    public int PassesCancelledInFlight { get; private set; }

    public int Dimensions => inner.Dimensions;

    public int MaxSequenceLength => inner.MaxSequenceLength;

    public int ClassificationTokenId => inner.ClassificationTokenId;

    public int SeparatorTokenId => inner.SeparatorTokenId;

    public IReadOnlyList<int> Tokenize(string text, int? maxTokens) => inner.Tokenize(text, maxTokens);

    public void EncodeBatch(IReadOnlyList<int[]> windows, Span<float> destination, CancellationToken cancellationToken)
    {
        BeforePass?.Invoke(_batches.Count, cancellationToken);
        _batches.Enqueue(windows.Select(w => w.Length).ToArray());
        try
        {
            inner.EncodeBatch(windows, destination, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            PassesCancelledInFlight++;
            throw;
        }
    }
}
