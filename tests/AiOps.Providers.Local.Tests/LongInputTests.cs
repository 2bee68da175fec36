// Licensed under the MIT License.

using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

/// <summary>Texts longer than the model's window (256 word pieces, 254 of them text).</summary>
public class LongInputTests
{
    private const string DiskPart = "The disk on web-01 is full because log files under var log grew without rotation. ";
    private const string CertPart = "The TLS certificate of the public API expired and clients reject the handshake. ";

    [Theory]
    [InlineData(254, 1)]
    [InlineData(255, 2)]
    [InlineData(508, 2)]
    [InlineData(509, 3)]
    public async Task A_long_text_is_cut_into_windows_of_254_word_pieces(int words, int windows)
    {
        var encoder = new RecordingEncoder();
        using var generator = new LocalEmbeddingGenerator(null, null, () => encoder);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([Vectors.Words(words)]);

        int[] lengths = encoder.Batches.SelectMany(b => b).ToArray();
        Assert.Equal(windows, lengths.Length);
        Assert.All(lengths, l => Assert.InRange(l, 3, 256));
        Assert.Equal(words + (2 * windows), lengths.Sum());
        Assert.Equal(words + (2 * windows), result.Usage?.InputTokenCount);
        Assert.Single(result);
    }

    [Fact]
    public async Task Chunk_and_average_lets_the_tail_of_a_long_text_count()
    {
        string text = string.Concat(Enumerable.Repeat(DiskPart, 20)) + string.Concat(Enumerable.Repeat(CertPart, 20));
        using var chunked = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { LongInputHandling = LongInputHandling.ChunkAndAverage });
        using var truncated = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { LongInputHandling = LongInputHandling.Truncate });
        Embedding<float>[] query = await chunked.EmbedAsync("expired TLS certificate on the API");

        Embedding<float> whole = (await chunked.EmbedAsync(text))[0];
        Embedding<float> head = (await truncated.EmbedAsync(text))[0];

        float wholeScore = Vectors.Cosine(query[0], whole);
        float headScore = Vectors.Cosine(query[0], head);
        Assert.True(wholeScore >= headScore + 0.2f, $"chunked {wholeScore:0.000}, truncated {headScore:0.000}");
    }

    [Fact]
    public async Task The_chunked_vector_is_the_token_weighted_mean_of_its_windows()
    {
        // 300 word pieces: a window of 254 and one of 46; the text's vector is the mean over all its tokens,
        // i.e. the windows' mean vectors weighted by their lengths (256 and 48), then normalised.
        string[] words = Enumerable.Range(0, 300).Select(i => i < 254 ? "disk" : "certificate").ToArray();
        using var generator = new LocalEmbeddingGenerator();
        ITokenWindowEncoder model = MiniLmModelHost.Get();
        int[] ids = model.Tokenize(string.Join(' ', words), null).ToArray();
        Assert.Equal(300, ids.Length);
        int[] first = [model.ClassificationTokenId, .. ids[..254], model.SeparatorTokenId];
        int[] second = [model.ClassificationTokenId, .. ids[254..], model.SeparatorTokenId];
        float[] means = new float[2 * 384];
        model.EncodeBatch([first, second], means, default);
        float[] expected = new float[384];
        TensorPrimitives.MultiplyAdd(means.AsSpan(0, 384), 256f, expected, expected);
        TensorPrimitives.MultiplyAdd(means.AsSpan(384, 384), 48f, expected, expected);
        TensorPrimitives.Divide(expected, TensorPrimitives.Norm(expected), expected);

        Embedding<float> actual = (await generator.EmbedAsync(string.Join(' ', words)))[0];

        Assert.True(Vectors.MaxAbsDifference(expected, actual.Vector) < 1e-5f);
    }

    [Fact]
    public async Task Truncation_ignores_everything_after_the_first_254_word_pieces()
    {
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { LongInputHandling = LongInputHandling.Truncate });
        string head = Vectors.Words(254, "disk");

        Embedding<float>[] v = await generator.EmbedAsync(head, head + " " + Vectors.Words(400, "certificate"), head + " banana");

        Assert.Equal(v[0].Vector.ToArray(), v[1].Vector.ToArray());
        Assert.Equal(v[0].Vector.ToArray(), v[2].Vector.ToArray());
    }

    [Fact]
    public async Task Truncation_runs_one_window_per_text_however_long()
    {
        var encoder = new RecordingEncoder();
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { LongInputHandling = LongInputHandling.Truncate }, null, () => encoder);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([Vectors.Words(5000), "short"]);

        Assert.Equal([[3, 256]], encoder.Batches);
        Assert.Equal(259, result.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Texts_within_the_window_get_the_same_vector_either_way()
    {
        using var chunked = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { LongInputHandling = LongInputHandling.ChunkAndAverage });
        using var truncated = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { LongInputHandling = LongInputHandling.Truncate });
        string text = Vectors.Words(254);

        Embedding<float>[] a = await chunked.EmbedAsync(text, DiskPart);
        Embedding<float>[] b = await truncated.EmbedAsync(text, DiskPart);

        Assert.Equal(a[0].Vector.ToArray(), b[0].Vector.ToArray());
        Assert.Equal(a[1].Vector.ToArray(), b[1].Vector.ToArray());
    }

    [Fact]
    public async Task A_very_long_text_gives_one_unit_vector()
    {
        using var generator = new LocalEmbeddingGenerator();
        string log = string.Concat(Enumerable.Range(0, 400).Select(i => $"2025-03-01T12:{i % 60:00}:00Z ERROR disk /dev/sda1 is {90 + (i % 10)}% full\n"));

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([log]);

        Assert.Single(result);
        Assert.Equal(1f, TensorPrimitives.Norm(result[0].Vector.Span), 4);
        Assert.True(result.Usage?.InputTokenCount > 9_000);
    }
}
