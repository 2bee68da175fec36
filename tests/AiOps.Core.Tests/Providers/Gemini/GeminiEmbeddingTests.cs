// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>Gemini embeddings against the simulator: single and batch routes, batches of at most 100, input order, options, errors.</summary>
public sealed class GeminiEmbeddingTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static List<string> Inputs(int n) => Enumerable.Range(0, n).Select(i => $"text number {i}").ToList();

    [Fact]
    public async Task No_input_gives_no_embeddings_and_sends_nothing()
    {
        string key = NewKey();
        GeneratedEmbeddings<Embedding<float>> result = await Embeddings(sim, key).GenerateAsync([]);
        Assert.Empty(result);
        Assert.Empty(Requests(sim, key));
    }

    [Fact]
    public async Task One_input_uses_embedContent_with_the_default_model_and_the_key_header()
    {
        string key = NewKey();
        GeneratedEmbeddings<Embedding<float>> result = await Embeddings(sim, key).GenerateAsync(["hello"]);

        RecordedRequest request = Single(sim, key);
        Assert.Equal("/v1beta/models/gemini-embedding-001:embedContent", request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal(Key, request.Headers["x-goog-api-key"]);
        Assert.Equal(J("{'model':'models/gemini-embedding-001','content':{'parts':[{'text':'hello'}]}}"), request.Body);

        Embedding<float> embedding = Assert.Single(result);
        Assert.Equal(DeterministicEmbedding.Create("hello", DeterministicEmbedding.DefaultDimensions), embedding.Vector.ToArray());
        Assert.Equal("gemini-embedding-001", embedding.ModelId);
        Assert.Equal("google", result.AdditionalProperties![AiResponseProperties.Provider]);
    }

    [Fact]
    public async Task Task_type_title_and_dimensions_are_sent_on_every_entry()
    {
        string key = NewKey();
        var options = new EmbeddingGenerationOptions
        {
            ModelId = "text-embedding-004",
            Dimensions = 8,
            AdditionalProperties = new() { ["task_type"] = "retrieval_document", ["title"] = "Doc" },
        };

        GeneratedEmbeddings<Embedding<float>> result = await Embeddings(sim, key).GenerateAsync(["a", "b"], options);

        RecordedRequest request = Single(sim, key);
        Assert.Equal("/v1beta/models/text-embedding-004:batchEmbedContents", request.Path);
        Assert.Equal(
            J("{'requests':[" +
              "{'model':'models/text-embedding-004','content':{'parts':[{'text':'a'}]},'taskType':'RETRIEVAL_DOCUMENT','title':'Doc','outputDimensionality':8}," +
              "{'model':'models/text-embedding-004','content':{'parts':[{'text':'b'}]},'taskType':'RETRIEVAL_DOCUMENT','title':'Doc','outputDimensionality':8}]}"),
            request.Body);
        Assert.All(result, e => Assert.Equal(8, e.Vector.Length));
    }

    [Theory]
    [InlineData(100, new[] { 100 })]
    [InlineData(101, new[] { 100, 1 })]
    [InlineData(250, new[] { 100, 100, 50 })]
    public async Task Inputs_are_sent_in_batches_of_at_most_100_and_come_back_in_input_order(int count, int[] batches)
    {
        string key = NewKey();
        List<string> inputs = Inputs(count);

        GeneratedEmbeddings<Embedding<float>> result = await Embeddings(sim, key).GenerateAsync(inputs);

        IReadOnlyList<RecordedRequest> requests = Requests(sim, key);
        Assert.All(requests, r => Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", r.Path));

        // Batches run concurrently, so they may arrive in any order; each is a contiguous slice of the inputs.
        var slices = requests
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("requests").EnumerateArray()
                .Select(e => e.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!).ToList())
            .OrderBy(s => inputs.IndexOf(s[0]))
            .ToList();
        Assert.Equal(batches, slices.Select(s => s.Count));
        Assert.Equal(inputs, slices.SelectMany(s => s));

        Assert.Equal(count, result.Count);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(DeterministicEmbedding.Create(inputs[i], DeterministicEmbedding.DefaultDimensions), result[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task A_failing_batch_fails_the_call_with_the_providers_error()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => Embeddings(sim, NewKey()).GenerateAsync(Inputs(150), new EmbeddingGenerationOptions { ModelId = "sim-quota" }));
        Assert.Equal(AiErrorKind.QuotaExceeded, ex.Kind);
        Assert.Equal("google", ex.Provider);
    }

    [Fact]
    public async Task An_empty_input_fails_before_sending_naming_its_index()
    {
        string key = NewKey();
        var ex = await Assert.ThrowsAsync<AiException>(() => Embeddings(sim, key).GenerateAsync(["ok", string.Empty]));
        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("input[1]", ex.Parameter);
        Assert.Empty(Requests(sim, key));
    }

    [Fact]
    public async Task A_bad_model_id_fails_before_sending()
    {
        string key = NewKey();
        var ex = await Assert.ThrowsAsync<AiException>(() => Embeddings(sim, key).GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "a:b" }));
        Assert.Equal("model", ex.Parameter);
        Assert.Empty(Requests(sim, key));
    }

    [Fact]
    public async Task The_simulator_refuses_more_than_100_per_batch_like_Gemini()
    {
        using var http = new System.Net.Http.HttpClient();
        string entries = string.Join(",", Enumerable.Range(0, 101).Select(i => "{\"model\":\"models/m\",\"content\":{\"parts\":[{\"text\":\"t\"}]}}"));
        using var content = new System.Net.Http.StringContent("{\"requests\":[" + entries + "]}");
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, new Uri(sim.BaseAddress, "/v1beta/models/m:batchEmbedContents")) { Content = content };
        request.Headers.Add("x-goog-api-key", "k");
        System.Net.Http.HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("at most 100 requests can be in one batch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
