// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Threading;

namespace AiOps;

/// <summary>Turns texts into normalised vectors: tokenizes, cuts long texts into windows, batches windows of similar length,
/// runs the model batch by batch and folds the windows of each text back into one vector, in input order.</summary>
internal static class LocalEmbeddingEngine
{
    /// <summary>Embeds texts.</summary>
    /// <param name="encoder">The model.</param>
    /// <param name="texts">The texts (none <see langword="null"/>).</param>
    /// <param name="options">Batch size and long-input handling.</param>
    /// <param name="cancellationToken">Checked between texts while tokenizing and between batches; also stops a batch in flight.</param>
    /// <returns>One unit-length vector per text, in input order, and the number of word pieces processed (markers included).</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static LocalEmbeddingResult Embed(ITokenWindowEncoder encoder, IReadOnlyList<string> texts, LocalEmbeddingOptions options, CancellationToken cancellationToken)
    {
        int dimensions = encoder.Dimensions;
        int span = encoder.MaxSequenceLength - 2;
        bool truncate = options.LongInputHandling == LongInputHandling.Truncate;

        // 1. Tokenize and cut into windows: [CLS] + up to `span` word pieces + [SEP]. An empty text is one window of two markers.
        var windows = new List<int[]>(texts.Count);
        var owners = new List<int>(texts.Count);
        long tokens = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<int> ids = encoder.Tokenize(texts[i], truncate ? span : null);
            int start = 0;
            do
            {
                int take = Math.Min(span, ids.Count - start);
                int[] window = new int[take + 2];
                window[0] = encoder.ClassificationTokenId;
                for (int j = 0; j < take; j++)
                {
                    window[j + 1] = ids[start + j];
                }

                window[take + 1] = encoder.SeparatorTokenId;
                windows.Add(window);
                owners.Add(i);
                tokens += window.Length;
                start += take;
            }
            while (start < ids.Count);
        }

        // 2. Batch windows of similar length together (a stable sort by length), so little of each pass is padding.
        int[] order = new int[windows.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Ties keep input order, so the batches are the same on every run.
        Array.Sort(order, (a, b) => windows[a].Length != windows[b].Length ? windows[a].Length.CompareTo(windows[b].Length) : a.CompareTo(b));

        // 3. Run the passes; each window's mean-pooled vector lands in its own row.
        float[] pooled = new float[windows.Count * dimensions];
        int batchSize = options.MaxBatchSize;
        var batch = new List<int[]>(Math.Min(batchSize, windows.Count));
        float[] scratch = new float[Math.Min(batchSize, windows.Count) * dimensions];
        for (int first = 0; first < order.Length; first += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, order.Length - first);
            batch.Clear();
            for (int k = 0; k < count; k++)
            {
                batch.Add(windows[order[first + k]]);
            }

            encoder.EncodeBatch(batch, scratch.AsSpan(0, count * dimensions), cancellationToken);
            for (int k = 0; k < count; k++)
            {
                scratch.AsSpan(k * dimensions, dimensions).CopyTo(pooled.AsSpan(order[first + k] * dimensions, dimensions));
            }
        }

        // 4. A text's vector is the token-weighted mean of its windows (the mean over all its tokens), normalised to length 1.
        float[][] vectors = new float[texts.Count][];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = new float[dimensions];
        }

        for (int w = 0; w < windows.Count; w++)
        {
            float[] vector = vectors[owners[w]];
            TensorPrimitives.MultiplyAdd(pooled.AsSpan(w * dimensions, dimensions), windows[w].Length, vector, vector);
        }

        foreach (float[] vector in vectors)
        {
            float norm = TensorPrimitives.Norm(vector);
            TensorPrimitives.Divide(vector, MathF.Max(norm, 1e-12f), vector);
        }

        return new LocalEmbeddingResult(vectors, tokens, windows.Count);
    }
}
