// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace AiOps.Gateway.Tests;

/// <summary><c>/api/v1/embeddings</c> (float and base64), <c>/api/v1/models</c> and the native <c>/api/chat</c>, <c>/api/embeddings</c>.</summary>
public sealed class EmbeddingsAndNativeTests : IAsyncLifetime
{
    private readonly ScriptedProvider _test = new("test");
    private readonly ScriptedProvider _backup = new("backup");
    private GatewayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayTestServer.StartScriptedAsync(_test, _backup, new Dictionary<string, string?> { ["AiOps:Models:docs"] = "backup/embed" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_SDK_gets_float_vectors_in_input_order()
    {
        EmbeddingClient client = _server.Embeddings("test/embed");
        ClientResult<OpenAIEmbeddingCollection> result = await client.GenerateEmbeddingsAsync(["a", "bbb", "cc"], new EmbeddingGenerationOptions { Dimensions = 5 });

        Assert.Equal([0, 1, 2], result.Value.Select(e => e.Index));
        Assert.Equal(ScriptedProvider.Vector("a", 5), result.Value[0].ToFloats().ToArray());
        Assert.Equal(ScriptedProvider.Vector("bbb", 5), result.Value[1].ToFloats().ToArray());
        Assert.Equal(ScriptedProvider.Vector("cc", 5), result.Value[2].ToFloats().ToArray());
        Assert.Equal(3, result.Value.Usage.InputTokenCount);
        Assert.Equal("embed", result.Value.Model);
        Assert.Equal(5, _test.Calls.Single().Dimensions);
    }

    [Fact]
    public async Task Base64_vectors_decode_to_the_same_floats()
    {
        using HttpResponseMessage floats = await _server.PostAsync("/api/v1/embeddings", """{"model":"test/embed","input":["hello"],"encoding_format":"float"}""");
        using HttpResponseMessage b64 = await _server.PostAsync("/api/v1/embeddings", """{"model":"test/embed","input":"hello","encoding_format":"base64"}""");

        float[] expected = JsonDocument.Parse(await floats.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding")
            .EnumerateArray().Select(e => e.GetSingle()).ToArray();
        string encoded = JsonDocument.Parse(await b64.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!;
        float[] decoded = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(encoded)).ToArray();
        Assert.Equal(ScriptedProvider.Vector("hello", 3), expected);
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public async Task More_inputs_than_a_provider_takes_are_split_and_kept_in_order()
    {
        string[] inputs = Enumerable.Range(1, 10).Select(i => new string('x', i)).ToArray();
        ClientResult<OpenAIEmbeddingCollection> result = await _server.Embeddings("test/embed").GenerateEmbeddingsAsync(inputs);

        Assert.Equal(10, result.Value.Count);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(ScriptedProvider.Vector(inputs[i], 3), result.Value[i].ToFloats().ToArray());
        }

        // The scripted provider takes at most 4 inputs per call.
        Assert.Equal([4, 4, 2], _test.Calls.Select(c => c.Messages.Count));
    }

    [Fact]
    public async Task Models_lists_aliases_with_their_targets_and_each_providers_defaults()
    {
        using HttpResponseMessage response = await _server.GetAsync("/api/v1/models");
        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("list", root.GetProperty("object").GetString());
        List<JsonElement> data = root.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["docs", "backup/echo", "backup/embed", "test/echo", "test/embed"], data.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["backup/embed"], data[0].GetProperty("aiops_targets").EnumerateArray().Select(t => t.GetString()));
        Assert.All(data, d => Assert.Equal("model", d.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Native_chat_takes_an_explicit_provider_and_answers_in_camelCase()
    {
        using HttpResponseMessage response = await _server.PostAsync("/api/chat",
            """{"provider":"backup","model":"echo","system":"be kind","prompt":"native hi","temperature":0.3,"maxTokens":40}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("backup", "echo", "echo: native hi", "stop"), (root.GetProperty("provider").GetString(), root.GetProperty("model").GetString(), root.GetProperty("content").GetString(), root.GetProperty("finishReason").GetString()));
        Assert.Equal((3, 2, 5), (root.GetProperty("usage").GetProperty("inputTokens").GetInt32(), root.GetProperty("usage").GetProperty("outputTokens").GetInt32(), root.GetProperty("usage").GetProperty("totalTokens").GetInt32()));
        Assert.Equal("upstream-req-1", root.GetProperty("requestId").GetString());
        ScriptedCall call = Assert.Single(_backup.Calls);
        Assert.Equal(["be kind", "native hi"], call.Messages.Select(m => m.Text));
        Assert.Equal((0.3f, 40), (call.Options!.Temperature, call.Options.MaxOutputTokens));
    }

    [Fact]
    public async Task Native_chat_streams_deltas_then_a_done_event()
    {
        using HttpResponseMessage response = await _server.PostAsync("/api/chat", """{"provider":"test","prompt":"p q","stream":true}""");

        List<JsonElement> events = (await ChatCompletionsTests.ReadEventsAsync(response)).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal("echo: p q ", string.Concat(events.Where(e => e.GetProperty("type").GetString() == "delta").Select(e => e.GetProperty("content").GetString())));
        JsonElement done = events[^1];
        Assert.Equal(("done", "test", "stop"), (done.GetProperty("type").GetString(), done.GetProperty("provider").GetString(), done.GetProperty("finishReason").GetString()));
        Assert.Equal(10, done.GetProperty("usage").GetProperty("totalTokens").GetInt32());
    }

    [Fact]
    public async Task Native_requests_reject_unknown_providers_and_missing_prompts()
    {
        using HttpResponseMessage unknown = await _server.PostAsync("/api/chat", """{"provider":"nobody","prompt":"x"}""");
        JsonElement e1 = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal((HttpStatusCode.BadRequest, "provider"), (unknown.StatusCode, e1.GetProperty("param").GetString()));

        using HttpResponseMessage empty = await _server.PostAsync("/api/chat", """{"provider":"test","system":"only a system prompt"}""");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Empty(_test.Calls);
    }

    [Fact]
    public async Task Native_embeddings_return_vectors_by_index()
    {
        using HttpResponseMessage response = await _server.PostAsync("/api/embeddings", """{"model":"docs","input":["one","three"]}""");

        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("backup", "embed"), (root.GetProperty("provider").GetString(), root.GetProperty("model").GetString()));
        List<JsonElement> items = root.GetProperty("embeddings").EnumerateArray().ToList();
        Assert.Equal([0, 1], items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(ScriptedProvider.Vector("three", 3), items[1].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
    }
}
