// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Writes embeddings as OpenAI's <c>list</c> object, with vectors as float arrays or base64 of little-endian float32.</summary>
internal static class EmbeddingWriter
{
    public static void Write(Utf8JsonWriter w, GeneratedEmbeddings<Embedding<float>> embeddings, string model, bool base64)
    {
        w.WriteStartObject();
        w.WriteString("object"u8, "list"u8);
        w.WritePropertyName("data"u8);
        w.WriteStartArray();
        for (int i = 0; i < embeddings.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("object"u8, "embedding"u8);
            w.WriteNumber("index"u8, i);
            w.WritePropertyName("embedding"u8);
            ReadOnlySpan<float> vector = embeddings[i].Vector.Span;
            if (base64)
            {
                w.WriteBase64StringValue(ToLittleEndianBytes(vector));
            }
            else
            {
                w.WriteStartArray();
                foreach (float f in vector)
                {
                    w.WriteNumberValue(f);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model"u8, model);
        w.WritePropertyName("usage"u8);
        w.WriteStartObject();
        long input = embeddings.Usage?.InputTokenCount ?? 0;
        w.WriteNumber("prompt_tokens"u8, input);
        w.WriteNumber("total_tokens"u8, embeddings.Usage?.TotalTokenCount ?? input);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Gets a vector's bytes as OpenAI encodes them (float32, little-endian).</summary>
    public static ReadOnlySpan<byte> ToLittleEndianBytes(ReadOnlySpan<float> vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(vector);
        }

        byte[] bytes = new byte[vector.Length * 4];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }

        return bytes;
    }
}
