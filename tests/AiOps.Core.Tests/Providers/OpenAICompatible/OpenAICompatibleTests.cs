// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AiOps.Simulator;
using AiOps.Tests.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAICompatible;

/// <summary>OpenAI-compatible servers and Ollama: any base URL, optional key, and the known deviations (wire-formats §7 quirk 12).</summary>
public sealed class OpenAICompatibleTests : IClassFixture<SimulatorFixture>
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;
    private readonly OpenAITestSupport _support;

    public OpenAICompatibleTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    private AiProviderSettings Settings(string? quirks = null, string? key = null, string? model = "qwen2.5:7b")
    {
        AiProviderSettings settings = _support.Settings(apiKey: key);
        settings.DefaultModel = model;
        if (quirks is not null)
        {
            settings.Headers["x-sim-quirks"] = quirks;
        }

        return settings;
    }

    private IChatClient Chat(AiProviderSettings settings) => _support.Chat(new OpenAICompatibleProvider(), settings);

    private static ChatOptions ToolOptions(string model = "sim-tools-parallel") => new()
    {
        ModelId = model,
        Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, Schema), AIFunctionFactory.CreateDeclaration("get_time", null, Schema)],
    };

    [Fact]
    public async Task Without_a_key_no_authorization_header_is_sent_and_compatible_fields_are_used()
    {
        var options = new ChatOptions { MaxOutputTokens = 20, TopK = 40, AdditionalProperties = new() { ["repetition_penalty"] = 1.1, ["chat_template_kwargs"] = new Dictionary<string, object?> { ["enable_thinking"] = false } } };

        ChatResponse response = await Chat(Settings(model: "o3-distill")).GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options);

        RecordedRequest request = _support.Single();
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        // max_tokens (not max_completion_tokens), top_k, and system stays system even for an o-like name.
        JsonAssert.Equal(
            """{"model":"o3-distill","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":20,"top_k":40,"repetition_penalty":1.1,"chat_template_kwargs":{"enable_thinking":false}}""",
            request.Body);
        Assert.Equal("openai-compatible", response.AdditionalProperties![AiResponseProperties.Provider]);
    }

    [Fact]
    public async Task A_configured_key_is_sent_as_a_bearer_token()
    {
        _ = await Chat(Settings(key: "gsk_groq_key")).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("Bearer gsk_groq_key", _support.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task Every_tool_call_on_index_zero_is_split_by_its_new_id()
    {
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(Chat(Settings("tools-index0")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Both?")], ToolOptions()));

        List<FunctionCallContent> calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_sim1:get_weather", "call_sim2:get_time"], calls.Select(c => c.CallId + ":" + c.Name));
        Assert.All(calls, c => Assert.Null(c.Exception));
        Assert.All(calls, c => Assert.Equal(JsonValueKind.String, ((JsonElement)c.Arguments!["city"]!).ValueKind));
    }

    [Fact]
    public async Task Missing_ids_are_made_up_and_a_repeated_function_name_starts_a_new_call()
    {
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(Chat(Settings("no-id,tools-index0")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Both?")], ToolOptions()));
        ChatResponse nonStreamed = await Chat(Settings("no-id")).GetResponseAsync([new ChatMessage(ChatRole.User, "Both?")], ToolOptions());

        List<FunctionCallContent> calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Matches(new Regex("^call_[0-9a-f]{24}$"), c.CallId));
        Assert.NotEqual(calls[0].CallId, calls[1].CallId);
        Assert.All(calls, c => Assert.Null(c.Exception));
        Assert.All(updates, u => Assert.Null(u.ResponseId));
        Assert.Null(nonStreamed.ResponseId);
        Assert.All(nonStreamed.Messages[0].Contents.OfType<FunctionCallContent>(), c => Assert.Matches(new Regex("^call_[0-9a-f]{24}$"), c.CallId));
    }

    [Fact]
    public async Task A_stream_without_a_usage_chunk_ends_cleanly_without_usage()
    {
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(Chat(Settings("no-usage")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("Hello from the AiOps simulator.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task Tool_calls_without_a_finish_chunk_are_handed_out_at_done()
    {
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(Chat(Settings("no-finish")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Both?")], ToolOptions()));

        ChatResponseUpdate last = updates.Last(u => u.Contents.OfType<FunctionCallContent>().Any());
        Assert.Equal(ChatFinishReason.ToolCalls, last.FinishReason);
        Assert.Equal(2, last.Contents.OfType<FunctionCallContent>().Count());
    }

    [Fact]
    public async Task Reasoning_content_becomes_text_reasoning_content()
    {
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(Chat(Settings("reasoning")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
        ChatResponse response = await Chat(Settings("reasoning")).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("Thinking about it.", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("Hello from the AiOps simulator.", updates.ToChatResponse().Text);
        Assert.Equal("Thinking about it.", Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal("Hello from the AiOps simulator.", response.Text);
    }

    [Fact]
    public async Task Embeddings_ask_for_floats()
    {
        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings(new OpenAICompatibleProvider(), Settings()).GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "nomic-embed-text", Dimensions = 5 });

        JsonAssert.Equal("""{"input":["x"],"model":"nomic-embed-text","encoding_format":"float","dimensions":5}""", _support.Single().Body);
        Assert.Equal(DeterministicEmbedding.Create("x", 5), result[0].Vector.ToArray());
    }

    [Fact]
    public async Task No_model_and_no_base_url_fail_naming_the_variables_before_sending()
    {
        var provider = new OpenAICompatibleProvider();
        AiException noModel = await Assert.ThrowsAsync<AiException>(() => Chat(Settings(model: null)).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
        AiException noEmbeddingModel = await Assert.ThrowsAsync<AiException>(() => _support.Embeddings(provider, Settings()).GenerateAsync(["x"]));
        IChatClient noUrl = provider.CreateChatClient(_support.Context(provider, new AiProviderSettings { DefaultModel = "m" }));
        AiException noBase = await Assert.ThrowsAsync<AiException>(() => noUrl.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(AiErrorKind.InvalidConfiguration, noModel.Kind);
        Assert.Equal("AI_DEFAULT_MODEL", noModel.Parameter);
        Assert.Equal("AI_EMBEDDING_MODEL", noEmbeddingModel.Parameter);
        Assert.Equal(AiErrorKind.InvalidConfiguration, noBase.Kind);
        Assert.Equal("AI_BASE_URL", noBase.Parameter);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task Ollama_appends_v1_to_the_host_and_needs_no_key()
    {
        var provider = new OllamaProvider();
        AiProviderSettings settings = _support.Settings(_support.Fixture.BaseAddress, apiKey: null);

        ChatResponse response = await _support.Chat(provider, settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);
        _ = await _support.Embeddings(provider, settings).GenerateAsync(["x"]);

        IReadOnlyList<RecordedRequest> requests = _support.Requests();
        Assert.Equal(["/v1/chat/completions", "/v1/embeddings"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
        JsonAssert.Equal("""{"model":"llama3.2","messages":[{"role":"user","content":"Hi"}]}""", requests[0].Body);
        JsonAssert.Equal("""{"input":["x"],"model":"nomic-embed-text","encoding_format":"float"}""", requests[1].Body);
        Assert.Equal("ollama", response.AdditionalProperties![AiResponseProperties.Provider]);
    }

    [Theory]
    [InlineData("http://gpu-box:11434", "http://gpu-box:11434/v1")]
    [InlineData("http://gpu-box:11434/", "http://gpu-box:11434/v1")]
    [InlineData("http://gpu-box:11434/v1", "http://gpu-box:11434/v1")]
    [InlineData("http://gpu-box:11434/v1/", "http://gpu-box:11434/v1")]
    public void Ollama_base_urls_are_normalised_once(string host, string expected)
    {
        var provider = new OllamaProvider();
        IChatClient client = provider.CreateChatClient(_support.Context(provider, new AiProviderSettings { BaseUrl = new Uri(host) }));

        Assert.Equal(new Uri(expected), client.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public void Ollama_defaults_to_localhost()
    {
        var provider = new OllamaProvider();
        IChatClient client = provider.CreateChatClient(_support.Context(provider, new AiProviderSettings()));

        Assert.Equal(new Uri("http://localhost:11434/v1"), client.GetService<ChatClientMetadata>()!.ProviderUri);
        Assert.False(provider.RequiresApiKey);
    }

    [Fact]
    public void The_default_registry_has_every_openai_family_provider()
    {
        AiProviderRegistry registry = AiProviderRegistry.CreateDefault();

        Assert.IsType<OpenAIProvider>(registry.Get(AiProviderId.OpenAI));
        Assert.IsType<AzureOpenAIProvider>(registry.Get(new AiProviderId("AzureOpenAI")));
        Assert.IsType<OpenAICompatibleProvider>(registry.Get(AiProviderId.OpenAICompatible));
        Assert.IsType<OllamaProvider>(registry.Get(AiProviderId.Ollama));
    }

    [Fact]
    public async Task The_factory_builds_an_ollama_client_from_configuration()
    {
        var variables = new Dictionary<string, string> { ["AI_PROVIDER"] = "ollama", ["OLLAMA_HOST"] = _support.Fixture.BaseAddress.ToString(), ["AI_DEFAULT_MODEL"] = "sim-echo" };
        AiOpsOptions options = AiOpsConfiguration.FromEnvironment(n => variables.GetValueOrDefault(n));
        options.Providers[AiProviderId.Ollama].Headers["x-test-id"] = _support.TestId;
        await using AiClient client = AiClient.Create(options);

        ChatResponse response = await client.ChatAsync("Echo me");

        Assert.Equal("Echo me", response.Text);
        Assert.Equal("/v1/chat/completions", _support.Single().Path);
    }
}
