// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

public class BatchingTests
{
    private static readonly string[] Corpus = Enumerable.Range(0, 41)
        .Select(i => $"Incident {i}: " + string.Join(' ', Enumerable.Repeat(i % 2 == 0 ? "disk" : "certificate", 1 + (i * 7 % 13))))
        .ToArray();

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(3, new[] { 3 })]
    [InlineData(4, new[] { 4 })]
    [InlineData(5, new[] { 4, 1 })]
    [InlineData(8, new[] { 4, 4 })]
    [InlineData(9, new[] { 4, 4, 1 })]
    public async Task Texts_are_split_into_passes_of_at_most_the_batch_size(int texts, int[] expectedPasses)
    {
        var encoder = new RecordingEncoder();
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 4 }, null, () => encoder);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(Corpus.Take(texts));

        Assert.Equal(texts, result.Count);
        Assert.Equal(expectedPasses, encoder.Batches.Select(b => b.Length).ToArray());
    }

    [Fact]
    public async Task Batched_vectors_equal_one_by_one_vectors_in_input_order()
    {
        using var single = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 1 });
        using var batched = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 8 });

        Embedding<float>[] one = await single.EmbedAsync(Corpus);
        Embedding<float>[] many = await batched.EmbedAsync(Corpus);

        Assert.Equal(Corpus.Length, many.Length);
        for (int i = 0; i < Corpus.Length; i++)
        {
            Assert.True(Vectors.MaxAbsDifference(one[i].Vector, many[i].Vector) < 1e-5f, $"text {i} differs between batch sizes");
        }
    }

    [Fact]
    public async Task Each_output_belongs_to_its_input_even_though_passes_group_texts_by_length()
    {
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 3 });
        string[] texts = ["short", Vectors.Words(40, "long"), "mid length text here", "x", Vectors.Words(12, "disk")];
        var expected = new List<Embedding<float>>();
        foreach (string text in texts)
        {
            expected.Add((await generator.EmbedAsync(text))[0]);
        }

        Embedding<float>[] actual = await generator.EmbedAsync(texts);

        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.MaxAbsDifference(expected[i].Vector, actual[i].Vector) < 1e-5f, $"output {i} is not the vector of '{texts[i]}'");
        }
    }

    [Fact]
    public async Task Windows_of_similar_length_share_a_pass()
    {
        var encoder = new RecordingEncoder();
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 2 }, null, () => encoder);

        // Word pieces with markers: 52, 3, 22, 4 → passes [3, 4] and [22, 52].
        await generator.GenerateAsync([Vectors.Words(50), "a", Vectors.Words(20), "a b"]);

        Assert.Equal([[3, 4], [22, 52]], encoder.Batches);
    }

    [Fact]
    public async Task The_provider_caps_one_request_at_256_texts()
    {
        var provider = new LocalEmbeddingProvider();

        Assert.Equal(256, provider.MaxEmbeddingBatchSize);

        // A larger request still works: the generator batches internally.
        using var generator = new LocalEmbeddingGenerator();
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(Enumerable.Range(0, 300).Select(i => $"line {i}"));
        Assert.Equal(300, result.Count);
    }
}
