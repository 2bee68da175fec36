// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AiOps.Simulator;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace AiOps.Gateway.Tests;

/// <summary>The OpenAI .NET SDK → the gateway → each real AiOps provider present in the build → the provider simulator, per provider.</summary>
public sealed class ProviderRoutingTests : IAsyncLifetime
{
    /// <summary>How each built-in provider is pointed at the simulator (DESIGN.md's variables and base-URL conventions).</summary>
    internal static readonly Dictionary<string, Func<Uri, Dictionary<string, string?>>> Setup = new(StringComparer.Ordinal)
    {
        ["openai"] = sim => new() { ["OPENAI_API_KEY"] = "sim-openai-key", ["OPENAI_BASE_URL"] = sim + "v1" },
        ["azure-openai"] = sim => new() { ["AZURE_OPENAI_API_KEY"] = "sim-azure-openai-key", ["AZURE_OPENAI_ENDPOINT"] = sim.ToString().TrimEnd('/') },
        ["anthropic"] = sim => new() { ["ANTHROPIC_API_KEY"] = "sim-anthropic-key", ["ANTHROPIC_BASE_URL"] = sim.ToString().TrimEnd('/') },
        ["google"] = sim => new() { ["GEMINI_API_KEY"] = "sim-google-key", ["GEMINI_BASE_URL"] = sim.ToString().TrimEnd('/') },
        ["ollama"] = sim => new() { ["OLLAMA_HOST"] = sim.ToString().TrimEnd('/') },
        ["openai-compatible"] = sim => new() { ["AiOps:Providers:openai-compatible:BaseUrl"] = sim + "v1", ["AiOps:Providers:openai-compatible:ApiKey"] = "sim-compatible-key" },
    };

    private SimulatorHost _sim = null!;

    public static IEnumerable<object[]> Providers() => AiProviderRegistry.CreateDefault().Providers.Where(p => p.SupportsChat).Select(p => new object[] { p.Id.Value });

    public async Task InitializeAsync() => _sim = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public void Every_built_in_provider_has_a_simulator_setup_here()
    {
        string[] missing = AiProviderRegistry.CreateDefault().Providers.Select(p => p.Id.Value).Where(id => !Setup.ContainsKey(id)).ToArray();
        Assert.True(missing.Length == 0, "Add these providers to ProviderRoutingTests: " + string.Join(", ", missing));
    }

    private async Task<GatewayTestServer> StartAsync(string provider, string gate)
    {
        Dictionary<string, string?> settings = Setup[provider](_sim.BaseAddress);
        settings["AIOPS_GATEWAY_KEYS"] = GatewayTestServer.Key;
        settings["AI_MAX_RETRIES"] = "0";
        settings[$"AiOps:Providers:{provider}:Headers:x-sim-gate"] = gate;
        return await GatewayTestServer.StartAsync(settings);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Chat_goes_to_the_provider_with_its_own_key_and_never_the_gateway_key(string provider)
    {
        await using GatewayTestServer server = await StartAsync(provider, "unused-" + provider);
        string model = $"{provider}/sim-echo";

        ClientResult<ChatCompletion> result = await server.Chat(model).CompleteChatAsync([new UserChatMessage("route check " + provider)]);

        Assert.Equal("route check " + provider, result.Value.Content.Single().Text);
        Assert.Equal(provider, result.GetRawResponse().Headers.TryGetValue("x-aiops-provider", out string? p) ? p : null);
        RecordedRequest upstream = Assert.Single(_sim.State.Requests, r => r.Body.Contains("route check " + provider, StringComparison.Ordinal));
        string providerKey = Setup[provider](_sim.BaseAddress).Where(kv => kv.Key.Contains("API_KEY", StringComparison.Ordinal) || kv.Key.EndsWith(":ApiKey", StringComparison.Ordinal)).Select(kv => kv.Value).SingleOrDefault() ?? string.Empty;
        if (providerKey.Length > 0)
        {
            Assert.Contains(upstream.Headers.Values, v => v.Contains(providerKey, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(upstream.Headers.Values, v => v.Contains(GatewayTestServer.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(GatewayTestServer.Key, upstream.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_reaches_the_SDK_before_the_provider_has_sent_its_last_chunk(string provider)
    {
        string gate = "gate-" + provider + "-" + Guid.NewGuid().ToString("N");
        await using GatewayTestServer server = await StartAsync(provider, gate);
        await using IAsyncEnumerator<StreamingChatCompletionUpdate> stream = server.Chat($"{provider}/sim-long-5")
            .CompleteChatStreamingAsync([new UserChatMessage("count")]).GetAsyncEnumerator();

        // The simulator holds its last chunk (the finish) at the gate, which only this test opens: if the gateway buffered the stream,
        // the first chunk would never arrive (the bound below only turns that hang into a failure; it measures nothing).
        var text = new StringBuilder();
        while (text.Length == 0)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
            text.Append(string.Concat(stream.Current.ContentUpdate.Select(c => c.Text)));
        }

        Assert.StartsWith("word1", text.ToString(), StringComparison.Ordinal);

        _sim.State.OpenGate(gate);
        OpenAI.Chat.ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        while (await stream.MoveNextAsync())
        {
            text.Append(string.Concat(stream.Current.ContentUpdate.Select(c => c.Text)));
            finish ??= stream.Current.FinishReason;
            usage ??= stream.Current.Usage;
        }

        Assert.Equal("word1 word2 word3 word4 word5", text.ToString().Trim());
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, finish);

        // The SDK asks for stream usage; the provider's usage arrives once, not summed per chunk.
        Assert.NotNull(usage);
        Assert.Equal(usage!.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        Assert.InRange(usage.OutputTokenCount, 1, 50);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tool_calls_from_any_provider_reach_the_SDK_as_OpenAI_tool_calls(string provider)
    {
        await using GatewayTestServer server = await StartAsync(provider, "unused-" + provider);
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather for a city", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")) },
        };

        ChatCompletion completion = await server.Chat($"{provider}/sim-tools").CompleteChatAsync([new UserChatMessage("weather?")], options);

        ChatToolCall call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Contains("\"city\"", call.FunctionArguments.ToString(), StringComparison.Ordinal);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.ToolCalls, completion.FinishReason);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Embeddings_come_back_in_OpenAI_shape_or_fail_clearly(string provider)
    {
        await using GatewayTestServer server = await StartAsync(provider, "unused-" + provider);
        AiProvider p = AiProviderRegistry.CreateDefault().Get(new AiProviderId(provider));
        EmbeddingClient client = server.Embeddings($"{provider}/{p.DefaultEmbeddingModel ?? "sim-embed"}");

        if (!p.SupportsEmbeddings)
        {
            ClientResultException ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingsAsync(["x"]));
            Assert.Equal(400, ex.Status);
            return;
        }

        OpenAIEmbeddingCollection result = (await client.GenerateEmbeddingsAsync(["alpha", "beta"])).Value;

        Assert.Equal(2, result.Count);
        float[] alpha = result[0].ToFloats().ToArray();
        Assert.Equal(DeterministicEmbedding.Create("alpha", alpha.Length), alpha);
        Assert.Equal(DeterministicEmbedding.Create("beta", alpha.Length), result[1].ToFloats().ToArray());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Provider_errors_keep_their_meaning_through_the_gateway(string provider)
    {
        await using GatewayTestServer server = await StartAsync(provider, "unused-" + provider);

        using HttpResponseMessage limited = await server.PostAsync("/api/v1/chat/completions", $$"""{"model":"{{provider}}/sim-ratelimit-3","messages":[{"role":"user","content":"x"}]}""");
        using HttpResponseMessage down = await server.PostAsync("/api/v1/chat/completions", $$"""{"model":"{{provider}}/sim-error-503","messages":[{"role":"user","content":"x"}]}""");
        using HttpResponseMessage context = await server.PostAsync("/api/v1/chat/completions", $$"""{"model":"{{provider}}/sim-context","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("3", limited.Headers.GetValues("Retry-After").Single());
        Assert.True(down.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"503 upstream became {(int)down.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, context.StatusCode);
        Assert.Contains("context_length_exceeded", await context.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
