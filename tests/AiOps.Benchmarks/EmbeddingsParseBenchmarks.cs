// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using SdkEmbeddings = OpenAI.Embeddings;

namespace AiOps.Benchmarks;

/// <summary>Parses an embeddings answer with 2,048 vectors of 1,536 dimensions, as float arrays and as base64, into float vectors:
/// AiOps against the official SDK (whose vectors are materialised with <c>ToFloats()</c>), over the same bytes.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EmbeddingsParseBenchmarks
{
    public const int Count = 2048;
    public const int Dimensions = 1536;

    private IEmbeddingGenerator<string, Embedding<float>> _ours = null!;
    private SdkEmbeddings.EmbeddingClient _sdk = null!;
    private readonly string[] _inputs = Enumerable.Range(0, Count).Select(i => "input " + i).ToArray();

    [Params("float", "base64")]
    public string Format { get; set; } = "float";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        byte[] body = CreateBody(Format == "base64");
        var handler = new ReplayHandler(body, "application/json");
        _ours = BenchmarkClients.OursEmbeddings(handler);
        _sdk = new SdkEmbeddings.EmbeddingClient("text-embedding-3-small", BenchmarkClients.SdkKey, BenchmarkClients.SdkOptions(handler));

        float ours = await AiOps();
        float sdk = await OpenAISdk();
        if (ours != sdk)
        {
            throw new InvalidOperationException($"The clients decoded different vectors ({ours} vs {sdk}).");
        }
    }

    /// <summary>Builds the answer: deterministic unit vectors, written as OpenAI writes them.</summary>
    public static byte[] CreateBody(bool base64)
    {
        var random = new Random(42);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            float[] vector = new float[Dimensions];
            byte[] bytes = new byte[Dimensions * 4];
            for (int i = 0; i < Count; i++)
            {
                for (int d = 0; d < Dimensions; d++)
                {
                    vector[d] = (float)((random.NextDouble() * 2) - 1) / 40f;
                }

                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    for (int d = 0; d < Dimensions; d++)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * 4), vector[d]);
                    }

                    w.WriteBase64String("embedding", bytes);
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (float f in vector)
                    {
                        w.WriteNumberValue(f);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", "text-embedding-3-small");
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", 4096);
            w.WriteNumber("total_tokens", 4096);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15.0")]
    public async Task<float> OpenAISdk()
    {
        SdkEmbeddings.OpenAIEmbeddingCollection result = (await _sdk.GenerateEmbeddingsAsync(_inputs)).Value;
        float checksum = 0;
        foreach (SdkEmbeddings.OpenAIEmbedding embedding in result)
        {
            checksum += embedding.ToFloats().Span[Dimensions - 1];
        }

        return checksum;
    }

    [Benchmark(Description = "AiOps")]
    public async Task<float> AiOps()
    {
        GeneratedEmbeddings<Embedding<float>> result = await _ours.GenerateAsync(_inputs);
        float checksum = 0;
        foreach (Embedding<float> embedding in result)
        {
            checksum += embedding.Vector.Span[Dimensions - 1];
        }

        return checksum;
    }
}
