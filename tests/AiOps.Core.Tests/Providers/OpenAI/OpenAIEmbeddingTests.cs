// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>Embeddings (wire-formats §2): bodies, base64 and float decoding, dimensions, batching within 2,048 inputs and 300k
/// estimated tokens, concurrency and input order.</summary>
public sealed class OpenAIEmbeddingTests : IClassFixture<SimulatorFixture>
{
    private readonly OpenAITestSupport _support;

    public OpenAIEmbeddingTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    [Fact]
    public async Task Openai_asks_for_base64_and_decodes_the_vectors_exactly()
    {
        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings().GenerateAsync(["Hello, world!", "This is a test."], new EmbeddingGenerationOptions { Dimensions = 8 });

        RecordedRequest request = _support.Single();
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("Bearer " + OpenAITestSupport.ApiKey, request.Headers["Authorization"]);
        JsonAssert.Equal("""{"input":["Hello, world!","This is a test."],"model":"text-embedding-3-small","encoding_format":"base64","dimensions":8}""", request.Body);
        Assert.Equal(2, result.Count);
        Assert.Equal(DeterministicEmbedding.Create("Hello, world!", 8), result[0].Vector.ToArray());
        Assert.Equal(DeterministicEmbedding.Create("This is a test.", 8), result[1].Vector.ToArray());
        Assert.Equal("text-embedding-3-small", result[0].ModelId);
        Assert.Equal(7, result.Usage!.InputTokenCount);
        Assert.Equal(7, result.Usage.TotalTokenCount);
        Assert.Equal("openai", result.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.StartsWith("req_sim_", (string)result.AdditionalProperties[AiResponseProperties.RequestId]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_float_answer_decodes_to_the_same_vectors()
    {
        var options = new EmbeddingGenerationOptions { ModelId = "my-embedder", AdditionalProperties = new() { ["encoding_format"] = "float", ["user"] = "u-1" } };

        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings().GenerateAsync(["alpha"], options);

        JsonAssert.Equal("""{"input":["alpha"],"model":"my-embedder","encoding_format":"float","user":"u-1"}""", _support.Single().Body);
        Assert.Equal(DeterministicEmbedding.Create("alpha", DeterministicEmbedding.DefaultDimensions), result[0].Vector.ToArray());
        Assert.Equal("my-embedder", result[0].ModelId);
    }

    [Fact]
    public async Task More_than_2048_inputs_are_split_into_requests_and_come_back_in_input_order()
    {
        string[] inputs = Enumerable.Range(0, 4100).Select(i => "text " + i).ToArray();

        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings().GenerateAsync(inputs, new EmbeddingGenerationOptions { Dimensions = 4 });

        IReadOnlyList<RecordedRequest> requests = _support.Requests();
        Assert.Equal([2048, 2048, 4], requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("input").GetArrayLength()).OrderByDescending(n => n));
        Assert.Equal(4100, result.Count);
        for (int i = 0; i < inputs.Length; i += 511)
        {
            Assert.Equal(DeterministicEmbedding.Create(inputs[i], 4), result[i].Vector.ToArray());
        }

        Assert.Equal(DeterministicEmbedding.Create(inputs[^1], 4), result[^1].Vector.ToArray());
        Assert.Equal(3, ((string)result.AdditionalProperties![AiResponseProperties.RequestId]!).Split(',').Length);
        Assert.Equal(requests.Sum(r => (long)Math.Max(1, (JsonDocument.Parse(r.Body).RootElement.GetProperty("input").EnumerateArray().Sum(e => e.GetString()!.Length) + 3) / 4)), result.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Inputs_past_the_300k_token_estimate_go_in_separate_requests()
    {
        // 400,000 ASCII bytes ≈ 133,334 estimated tokens: two fit under 300,000, the third starts a new request.
        string big = new('a', 400_000);
        string[] inputs = [big, big + "b", big + "c"];

        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings().GenerateAsync(inputs, new EmbeddingGenerationOptions { Dimensions = 2 });

        Assert.Equal([2, 1], _support.Requests().Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("input").GetArrayLength()).OrderByDescending(n => n));
        Assert.Equal(DeterministicEmbedding.Create(inputs[2], 2), result[2].Vector.ToArray());
    }

    [Fact]
    public void The_batcher_splits_on_count_and_on_estimated_tokens()
    {
        Assert.Equal([(0, 2048), (2048, 2048), (4096, 1)], OpenAIEmbeddingBatcher.Split(Enumerable.Repeat("x", 4097).ToArray(), 2048));
        Assert.Equal([(0, 2), (2, 2), (4, 1)], OpenAIEmbeddingBatcher.Split(Enumerable.Repeat("x", 5).ToArray(), 2));
        Assert.Equal([(0, 1), (1, 1)], OpenAIEmbeddingBatcher.Split([new string('a', 1_000_000), "b"], 2048));
        Assert.Equal(4, OpenAIEmbeddingBatcher.EstimateTokens("héllo wö"));
        Assert.Empty(OpenAIEmbeddingBatcher.Split([], 2048));
    }

    [Fact]
    public async Task Batches_are_sent_concurrently()
    {
        // Each request waits until the other is in flight: this only completes when two batches are sent at the same time.
        using var bothInFlight = new CountdownEvent(2);
        var handler = new ScriptedHandler(request =>
        {
            bothInFlight.Signal();
            Assert.True(bothInFlight.Wait(TimeSpan.FromSeconds(30)), "The second batch was not sent while the first was in flight.");
            using JsonDocument body = JsonDocument.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            int n = body.RootElement.GetProperty("input").GetArrayLength();
            var sb = new StringBuilder("{\"data\":[");
            for (int i = 0; i < n; i++)
            {
                sb.Append(i == 0 ? string.Empty : ",").Append("{\"index\":").Append(n - 1 - i).Append(",\"embedding\":[").Append(n).Append(".0,").Append(n - 1 - i).Append(".0]}");
            }

            return Encoding.UTF8.GetBytes(sb.Append("],\"model\":\"m\"}").ToString());
        });

        GeneratedEmbeddings<Embedding<float>> result = await OpenAITestSupport.ScriptedEmbeddings(handler).GenerateAsync(Enumerable.Repeat("x", 2050).ToArray());

        Assert.Equal(2, handler.Requests.Count);
        // Items came back in reverse index order; each lands at its own input position.
        Assert.Equal([2048f, 0f], result[0].Vector.ToArray());
        Assert.Equal([2048f, 2047f], result[2047].Vector.ToArray());
        Assert.Equal([2f, 0f], result[2048].Vector.ToArray());
        Assert.Equal([2f, 1f], result[2049].Vector.ToArray());
    }

    [Theory]
    [InlineData("""{"data":[{"index":0,"embedding":[1]}],"model":"m"}""", "1 vectors came back for 2 inputs")]
    [InlineData("""{"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}],"model":"m"}""", "repeated")]
    [InlineData("""{"data":[{"index":0,"embedding":[1]},{"index":5,"embedding":[2]}],"model":"m"}""", "out-of-range")]
    public async Task A_short_or_inconsistent_answer_is_an_invalid_response(string body, string detail)
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => OpenAITestSupport.ScriptedEmbeddings(new ScriptedHandler(body)).GenerateAsync(["a", "b"]));

        Assert.Equal(AiErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_provider_and_default_embedding_model()
    {
        EmbeddingGeneratorMetadata metadata = _support.Embeddings().GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("text-embedding-3-small", metadata.DefaultModelId);
        Assert.Equal(_support.OpenAIBase, metadata.ProviderUri);
    }
}
