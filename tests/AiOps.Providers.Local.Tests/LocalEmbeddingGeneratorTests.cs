// Licensed under the MIT License.

using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Tests;

public class LocalEmbeddingGeneratorTests
{
    [Fact]
    public async Task Every_vector_has_384_dimensions_and_unit_length()
    {
        using var generator = new LocalEmbeddingGenerator();
        string[] texts = ["The disk on server web-01 is full", "", "   ", "Café naïve RÉSUMÉ — ünïcödé ✓ 日本語のテキスト", "a", new string('x', 5000)];

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, result.Count);
        foreach (Embedding<float> embedding in result)
        {
            Assert.Equal(384, embedding.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(embedding.Vector.Span), 4);
            Assert.All(embedding.Vector.ToArray(), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public async Task Embeddings_carry_the_model_id_the_clock_time_the_provider_and_the_token_count()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var generator = new LocalEmbeddingGenerator(timeProvider: clock);

        // [CLS] the disk on server web - 01 is full [SEP] = 11 and [CLS] storage exhausted on web - 01 ! [SEP] = 9 word pieces.
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["The disk on server web-01 is full", "Storage exhausted on web-01!"]);

        Assert.All(result, e =>
        {
            Assert.Equal("all-minilm-l6-v2", e.ModelId);
            Assert.Equal(clock.GetUtcNow(), e.CreatedAt);
        });
        Assert.Equal(20, result.Usage?.InputTokenCount);
        Assert.Equal(20, result.Usage?.TotalTokenCount);
        Assert.Equal("local", result.AdditionalProperties?[AiResponseProperties.Provider]);
    }

    [Fact]
    public async Task The_same_text_always_gets_the_same_vector()
    {
        using var generator = new LocalEmbeddingGenerator();

        Embedding<float>[] first = await generator.EmbedAsync("Restart the worker pool when CPU stays above 90%");
        Embedding<float>[] second = await generator.EmbedAsync("Restart the worker pool when CPU stays above 90%");

        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
    }

    [Fact]
    public async Task No_texts_return_no_embeddings_without_touching_the_model()
    {
        int loads = 0;
        using var generator = new LocalEmbeddingGenerator(null, null, () =>
        {
            loads++;
            return MiniLmModelHost.Get();
        });

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([]);

        Assert.Empty(result);
        Assert.Equal(0, loads);
    }

    [Fact]
    public async Task A_null_list_throws_ArgumentNullException()
    {
        using var generator = new LocalEmbeddingGenerator();

        ArgumentNullException ex = await Assert.ThrowsAsync<ArgumentNullException>(() => generator.GenerateAsync(null!));

        Assert.Equal("values", ex.ParamName);
    }

    [Fact]
    public async Task A_null_text_fails_with_InvalidRequest_naming_its_index()
    {
        using var generator = new LocalEmbeddingGenerator();

        AiException ex = await Assert.ThrowsAsync<AiException>(() => generator.GenerateAsync(["ok", null!, "ok"]));

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("input[1]", ex.Parameter);
        Assert.Equal("local", ex.Provider);
    }

    [Theory]
    [InlineData("text-embedding-3-small")]
    [InlineData("all-MiniLM-L12-v2")]
    [InlineData("local/all-minilm-l6-v2")]
    public async Task Another_model_fails_with_NotFound_naming_the_local_model(string model)
    {
        using var generator = new LocalEmbeddingGenerator();

        AiException ex = await Assert.ThrowsAsync<AiException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = model }));

        Assert.Equal(AiErrorKind.NotFound, ex.Kind);
        Assert.Equal("model", ex.Parameter);
        Assert.Contains("all-minilm-l6-v2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(model, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("all-minilm-l6-v2")]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("sentence-transformers/all-MiniLM-L6-v2")]
    public async Task The_model_is_accepted_by_its_id_in_any_case_and_by_its_Hugging_Face_name(string model)
    {
        using var generator = new LocalEmbeddingGenerator();

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = model, Dimensions = 384 });

        Assert.Single(result);
    }

    [Fact]
    public async Task Other_dimensions_fail_with_InvalidRequest()
    {
        using var generator = new LocalEmbeddingGenerator();

        AiException ex = await Assert.ThrowsAsync<AiException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 256 }));

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("dimensions", ex.Parameter);
        Assert.Contains("384", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_local_provider_its_model_and_dimensions()
    {
        using var generator = new LocalEmbeddingGenerator();

        EmbeddingGeneratorMetadata? metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("local", metadata.ProviderName);
        Assert.Equal("all-minilm-l6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(generator, generator.GetService<LocalEmbeddingGenerator>());
        Assert.Null(generator.GetService<EmbeddingGeneratorMetadata>("key"));
    }

    [Fact]
    public void The_generator_keeps_its_own_copy_of_the_options()
    {
        var options = new LocalEmbeddingOptions { MaxBatchSize = 7, LongInputHandling = LongInputHandling.Truncate };
        using var generator = new LocalEmbeddingGenerator(options);
        options.MaxBatchSize = 99;

        LocalEmbeddingOptions? seen = generator.GetService<LocalEmbeddingOptions>();

        Assert.Equal(7, seen?.MaxBatchSize);
        Assert.Equal(LongInputHandling.Truncate, seen?.LongInputHandling);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_batch_size_below_one_is_rejected(int size)
    {
        var options = new LocalEmbeddingOptions();

        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBatchSize = size);

        Assert.Equal("value", ex.ParamName);
    }

    [Fact]
    public async Task PreloadAsync_loads_the_shared_model()
    {
        await LocalEmbeddingGenerator.PreloadAsync();

        Assert.True(LocalEmbeddingGenerator.IsModelLoaded);
    }
}
