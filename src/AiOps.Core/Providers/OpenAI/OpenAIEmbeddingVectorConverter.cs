// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Reads an embedding vector sent either as a JSON array of numbers (<c>encoding_format: float</c>) or as a base64 string of
/// little-endian float32 values (<c>encoding_format: base64</c>, wire-formats §2), straight into the result array.</summary>
internal sealed class OpenAIEmbeddingVectorConverter : JsonConverter<float[]>
{
    /// <inheritdoc/>
    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => DecodeBase64(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        _ => throw new JsonException($"An embedding must be an array of numbers or a base64 string, not {reader.TokenType}."),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (float f in value)
        {
            writer.WriteNumberValue(f);
        }

        writer.WriteEndArray();
    }

    /// <summary>Decodes base64 little-endian float32 (the test vector <c>vpbzvLToIL3YMy+7</c> is three floats).</summary>
    internal static float[] DecodeBase64(ReadOnlySpan<byte> utf8Base64)
    {
        int length = utf8Base64.Length;
        if (length % 4 != 0)
        {
            throw new JsonException($"A base64 embedding has {length} characters, which is not a multiple of 4.");
        }

        int padding = length == 0 ? 0 : utf8Base64[^1] == (byte)'=' ? (utf8Base64[^2] == (byte)'=' ? 2 : 1) : 0;
        int byteCount = (length / 4 * 3) - padding;
        if (byteCount % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding decodes to {byteCount} bytes, which is not a whole number of float32 values.");
        }

        float[] result = new float[byteCount / sizeof(float)];
        OperationStatus status = Base64.DecodeFromUtf8(utf8Base64, MemoryMarshal.AsBytes(result.AsSpan()), out _, out int written);
        if (status != OperationStatus.Done || written != byteCount)
        {
            throw new JsonException("A base64 embedding is not valid base64.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> bits = MemoryMarshal.Cast<float, int>(result.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }

        return result;
    }

    private static float[] DecodeBase64(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return DecodeBase64(reader.ValueSpan);
        }

        // Escaped ("\/") or split across buffers: unescape into a rented buffer first.
        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int n = reader.CopyString(rented);
            return DecodeBase64(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static float[] ReadArray(ref Utf8JsonReader reader)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(1536);
        int count = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return buffer.AsSpan(0, count).ToArray();
                }

                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new JsonException($"An embedding array holds a {reader.TokenType}; only numbers are allowed.");
                }

                if (count == buffer.Length)
                {
                    float[] bigger = ArrayPool<float>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(bigger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = bigger;
                }

                buffer[count++] = !reader.HasValueSequence && OpenAIFloatParser.TryParse(reader.ValueSpan, out float f) ? f : reader.GetSingle();
            }

            throw new JsonException("An embedding array ended early.");
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
