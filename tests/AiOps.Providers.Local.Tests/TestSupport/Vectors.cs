// Licensed under the MIT License.

using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

internal static class Vectors
{
    public static float Cosine(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b) => TensorPrimitives.CosineSimilarity(a.Span, b.Span);

    public static float Cosine(Embedding<float> a, Embedding<float> b) => Cosine(a.Vector, b.Vector);

    public static float MaxAbsDifference(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Span[i] - b.Span[i]));
        }

        return max;
    }

    public static async Task<Embedding<float>[]> EmbedAsync(this IEmbeddingGenerator<string, Embedding<float>> generator, params string[] texts) =>
        (await generator.GenerateAsync(texts)).ToArray();

    /// <summary>A text of exactly <paramref name="count"/> word pieces: "alpha"-style words that are single pieces in the vocabulary.</summary>
    public static string Words(int count, string word = "disk") => string.Join(' ', Enumerable.Repeat(word, count));
}
