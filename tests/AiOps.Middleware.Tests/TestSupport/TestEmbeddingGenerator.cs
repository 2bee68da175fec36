// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>A scripted embedding generator.</summary>
public sealed class TestEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _count;

    public TestEmbeddingGenerator(string provider = "test") =>
        Metadata = new EmbeddingGeneratorMetadata(provider, new Uri("https://test.invalid/v1"), "test-embedding");

    public EmbeddingGeneratorMetadata Metadata { get; }

    public Func<int, IEnumerable<string>, EmbeddingGenerationOptions?, CancellationToken, Task<GeneratedEmbeddings<Embedding<float>>>>? OnGenerate { get; set; }

    public int CallCount => Volatile.Read(ref _count);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        int n = Interlocked.Increment(ref _count);
        return OnGenerate?.Invoke(n, values, options, cancellationToken) ?? Task.FromResult(Vectors(values, options?.ModelId ?? "test-embedding"));
    }

    public static GeneratedEmbeddings<Embedding<float>> Vectors(IEnumerable<string> values, string model) =>
        new(values.Select(v => new Embedding<float>(new float[] { v.Length, 1 }) { ModelId = model }))
        {
            Usage = new UsageDetails { InputTokenCount = values.Sum(v => v.Length), TotalTokenCount = values.Sum(v => v.Length) },
        };

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
