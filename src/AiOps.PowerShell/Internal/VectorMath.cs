// Licensed under the MIT License.

using System;
using System.Numerics;

namespace AiOps.PowerShell;

/// <summary>Cosine similarity with SIMD, for <c>Compare-AiEmbedding</c>.</summary>
internal static class VectorMath
{
    /// <summary>Computes the cosine similarity of two vectors of the same length (0 when either is all zeros).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("The vectors have different lengths.");
        }

        double dot = 0, na = 0, nb = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var vdot = Vector<float>.Zero;
            var vna = Vector<float>.Zero;
            var vnb = Vector<float>.Zero;
            int last = a.Length - Vector<float>.Count;
            for (; i <= last; i += Vector<float>.Count)
            {
                var va = new Vector<float>(a[i..]);
                var vb = new Vector<float>(b[i..]);
                vdot += va * vb;
                vna += va * va;
                vnb += vb * vb;
            }

            dot = Vector.Sum(vdot);
            na = Vector.Sum(vna);
            nb = Vector.Sum(vnb);
        }

        for (; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
