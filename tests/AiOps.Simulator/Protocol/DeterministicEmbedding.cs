// Licensed under the MIT License.

using System;
using System.Security.Cryptography;
using System.Text;

namespace AiOps.Simulator;

/// <summary>Deterministic, L2-normalised pseudo-embeddings: the same text always gives the same vector.</summary>
public static class DeterministicEmbedding
{
    /// <summary>The dimension used when a request asks for none.</summary>
    public const int DefaultDimensions = 16;

    /// <summary>Creates the vector for <paramref name="text"/>.</summary>
    public static float[] Create(string text, int dimensions)
    {
        var vector = new float[dimensions];
        byte[] seed = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var random = new Random(BitConverter.ToInt32(seed, 0));
        double sum = 0;
        for (int i = 0; i < dimensions; i++)
        {
            float v = (float)(random.NextDouble() * 2 - 1);
            vector[i] = v;
            sum += v * v;
        }

        float norm = (float)Math.Sqrt(sum);
        for (int i = 0; i < dimensions; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    /// <summary>Encodes a vector as OpenAI's base64 (little-endian float32).</summary>
    public static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * 4];
        for (int i = 0; i < vector.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
